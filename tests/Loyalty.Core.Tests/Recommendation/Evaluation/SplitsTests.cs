using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Recommendation.Evaluation;

namespace Loyalty.Core.Tests.Recommendation.Evaluation;

public sealed class SplitsTests
{
    [Fact]
    public void KFold_AnyData_EachRatingTestedExactlyOnce()
    {
        var arb = Gen.Choose(2, 60).SelectMany(n => Gen.Choose(2, Math.Min(n, 10)).Select(k => (n, k))).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(arb, input =>
        {
            var data = Enumerable.Range(0, input.n).Select(i => new Interaction("u" + (i % 7), "i" + i, 3f)).ToArray();
            var folds = Splits.KFold(data, input.k, seed: input.n);
            var tested = folds.SelectMany(f => f.Test).Select(x => x.Item).OrderBy(x => x, StringComparer.Ordinal).ToArray();
            return tested.SequenceEqual(data.Select(x => x.Item).OrderBy(x => x, StringComparer.Ordinal))
                && folds.All(f => f.Train.Count + f.Test.Count == input.n && !f.Train.Intersect(f.Test).Any());
        }));
    }

    [Fact]
    public void KFold_SameSeed_SameFolds() =>
        Assert.Equal(
            Splits.KFold(RecommendationData.Small(), 5, 3)[2].Test,
            Splits.KFold(RecommendationData.Small(), 5, 3)[2].Test);

    [Fact]
    public void KFold_TooManyFolds_Throws() =>
        Assert.Equal("folds", Assert.Throws<ArgumentOutOfRangeException>(() => Splits.KFold([new("a", "b", 1f)], 2)).ParamName);

    [Fact]
    public void LeaveLastOut_ByTimestamp_HoldsOutEachUsersLatest()
    {
        Interaction[] data = [new("a", "x", 1), new("a", "y", 2), new("a", "z", 3), new("b", "x", 4), new("c", "x", 5), new("c", "y", 5)];
        long[] time = [30, 10, 20, 5, 1, 1];
        var split = Splits.LeaveLastOut(data, time);
        Assert.Equal([data[0], data[5]], split.Test);
        Assert.Equal(4, split.Train.Count);
    }

    [Fact]
    public void LeaveLastOut_CountMismatch_Throws() =>
        Assert.Equal("timestamps", Assert.Throws<ArgumentException>(() => Splits.LeaveLastOut([new("a", "b", 1f)], [1, 2])).ParamName);
}
