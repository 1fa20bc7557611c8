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
