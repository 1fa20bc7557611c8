using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class BlockedRatingsTests
{
    [Fact]
    public void Interleave_AnyLengthAndStreams_IsPermutationKeepingRunOrder()
    {
        var arb = Gen.Choose(0, 200).SelectMany(n => Gen.Choose(1, 6).Select(s => (n, s))).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, input =>
        {
            var sorted = Enumerable.Range(0, input.n).Select(i => new RatingEntry(i, i, 1f)).ToArray();
            var dealt = BlockedRatings.Interleave(sorted, input.s);
            bool permutation = dealt.Select(e => e.User).Order().SequenceEqual(Enumerable.Range(0, input.n));
            return permutation && dealt.Length == input.n;
        }));
    }

    [Fact]
    public void Build_EveryRatingInExactlyOneBlock()
    {
        var data = RatingData.Build(RecommendationData.Small(), RatingScale.OneToFive, DuplicatePairPolicy.Reject, "x");
        var blocks = BlockedRatings.Build(data.Entries, data.Users.Count, data.Items.Count, 8, new Random(1));
        var all = Enumerable.Range(0, 8).SelectMany(d => Enumerable.Range(0, 8).SelectMany(b => blocks.OnDiagonal(d, b))).ToList();
        Assert.Equal(data.Entries.Length, all.Count);
        Assert.Equal(data.Entries.Length, all.Distinct().Count());
    }
}
