using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Features;

namespace Loyalty.Core.Tests.Features;

public sealed class RfmScoringTests
{
    [Fact]
    public void Quintiles_TiesBrokenByOrderOfAppearance()
    {
        var scores = RfmScoring.Quintiles([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], scores);
    }

    [Fact]
    public void Quintiles_AnyValues_GroupsDifferInSizeByAtMostOne() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(
            Gen.Choose(0, 20).Select(i => (double)i).ArrayOf().Where(a => a.Length >= 5).ToArbitrary(), values =>
            {
                var sizes = RfmScoring.Quintiles(values).GroupBy(s => s).Select(g => g.Count()).ToArray();
                return sizes.Length == 5 && sizes.Max() - sizes.Min() <= 1;
            }));

    [Fact]
    public void Quintiles_LargerValues_NeverScoreLower() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(
            Gen.Choose(-50, 50).Select(i => (double)i).ArrayOf().ToArbitrary(), values =>
            {
                var scores = RfmScoring.Quintiles(values);
                return Enumerable.Range(0, values.Length).All(i => Enumerable.Range(0, values.Length)
                    .All(j => !(values[i] > values[j]) || scores[i] >= scores[j]));
            }));

    [Fact]
    public void Score_MostRecentFrequentBigSpender_IsAChampion()
    {
        var customers = Enumerable.Range(0, 10)
            .Select(i => new CustomerSummary($"c{i}", i, Recency: 10 + i, T: 30, MonetaryValue: i * 10))
            .ToList();

        var scores = RfmScoring.Score(customers);

        Assert.Equal((5, 5, 5, "Champions"), (scores[9].Recency, scores[9].Frequency, scores[9].Monetary, scores[9].Segment));
        Assert.Equal((1, 1, "Hibernating"), (scores[0].Recency, scores[0].Frequency, scores[0].Segment));
        Assert.Equal("555", scores[9].Code);
    }

    [Fact]
    public void Score_RecencyBeyondT_ThrowsNamingTheRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => RfmScoring.Score([new("a", 1, 5, 40, 1), new("b", 1, 50, 40, 1)]));
        Assert.Contains("summaries[1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentMap_Default_NamesEveryCellPerTheConvention()
    {
        var map = RfmSegmentMap.Default;
        Assert.Equal("Can't Lose Them", map.Name(2, 5));
        Assert.Equal("Need Attention", map.Name(3, 3));
        Assert.Equal("Loyal", map.Name(4, 4));
        Assert.Equal("Promising", map.Name(4, 1));
        Assert.Equal("New", map.Name(5, 1));
        Assert.Equal("Potential Loyalists", map.Name(5, 3));
    }

    [Fact]
    public void SegmentMap_GapsAndOverlaps_AllReported()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RfmSegmentMap([new(1, 5, 1, 4, "Most"), new(1, 1, 1, 1, "Again")]));
        Assert.Contains("R=1, F=1 is named both 'Most' and 'Again'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("R=5, F=5 has no segment", ex.Message, StringComparison.Ordinal);
    }
}
