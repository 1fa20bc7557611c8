using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class TopNTests
{
    [Fact]
    public void ToSortedArray_RandomScores_EqualsFullSortPrefix()
    {
        var arb = ArbMap.Default.ArbFor<(int[] Scores, PositiveInt Count)>().Generator.ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, input =>
        {
            // Small integer scores force many ties, which must resolve to the lower index.
            float[] scores = [.. input.Scores.Select(s => (float)(s % 7))];
            int count = input.Count.Get % 20;
            var top = new TopN(count);
            for (int i = 0; i < scores.Length; i++)
            {
                top.Offer(scores[i], i);
            }

            var expected = scores.Select((s, i) => (s, i)).OrderByDescending(x => x.s).ThenBy(x => x.i).Take(count).ToArray();
            var actual = top.ToSortedArray();
            return expected.Length == actual.Length
                && expected.Zip(actual).All(z => z.First.s == z.Second.Score && z.First.i == z.Second.Index);
        }));
    }
}

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
        var data = RatingData.Build(RecommendationData.Small(), RatingScale.OneToFive, DuplicatePolicy.Reject, "x");
        var blocks = BlockedRatings.Build(data.Entries, data.Users.Count, data.Items.Count, 8, new Random(1));
        var all = Enumerable.Range(0, 8).SelectMany(d => Enumerable.Range(0, 8).SelectMany(b => blocks.OnDiagonal(d, b))).ToList();
        Assert.Equal(data.Entries.Length, all.Count);
        Assert.Equal(data.Entries.Length, all.Distinct().Count());
    }
}
