using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class MatrixFactorizationRecommenderTests
{
    private static readonly MatrixFactorizationOptions Fast = new() { Factors = 20, Epochs = 10 };

    [Fact]
    public void Fit_EachEpoch_TrainingLossDecreases()
    {
        var losses = new List<double>();
        new MatrixFactorizationRecommender(Fast).Fit(RecommendationData.Small(), new SynchronousProgress<TrainingProgress>(p => losses.Add(p.TrainingLoss)));
        Assert.Equal(Fast.Epochs, losses.Count);
        for (int e = 1; e < losses.Count; e++)
        {
            Assert.True(losses[e] < losses[e - 1], $"epoch {e + 1}: {losses[e]} !< {losses[e - 1]}");
        }
    }

    [Fact]
    public void Fit_SameSeed_IdenticalPredictions()
    {
        var data = RecommendationData.Small();
        var a = new MatrixFactorizationRecommender(Fast with { Seed = 3 }).Fit(data);
        var b = new MatrixFactorizationRecommender(Fast with { Seed = 3 }).Fit(data);
        var c = new MatrixFactorizationRecommender(Fast with { Seed = 4 }).Fit(data);
        Assert.All(data.Take(200), x => Assert.Equal(a.Predict(x.User, x.Item), b.Predict(x.User, x.Item)));
        Assert.Contains(data.Take(200), x => a.Predict(x.User, x.Item) != c.Predict(x.User, x.Item));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Fit_BlockedSeveralThreads_ReproducibleAndEqualToOneThread(int threads)
    {
        // The block grid is 8×8 up to 4 threads and the scheduler keeps the step-by-step arithmetic, so the thread
        // count does not change the result.
        var data = RecommendationData.Small();
        var blocked = Fast with { Schedule = SgdSchedule.Blocked };
        var one = new MatrixFactorizationRecommender(blocked with { Threads = 1 }).Fit(data);
        var several = new MatrixFactorizationRecommender(blocked with { Threads = threads }).Fit(data);
        var again = new MatrixFactorizationRecommender(blocked with { Threads = threads }).Fit(data);
        Assert.All(data.Take(300), x =>
        {
            Assert.Equal(several.Predict(x.User, x.Item), again.Predict(x.User, x.Item));
            Assert.Equal(one.Predict(x.User, x.Item), several.Predict(x.User, x.Item));
        });
    }

    [Fact]
    public void Fit_BlockedEightThreads_ReproducibleForSeedAndThreadCount()
    {
        var data = RecommendationData.Small();
        var options = Fast with { Schedule = SgdSchedule.Blocked, Threads = 8 };
        var a = new MatrixFactorizationRecommender(options).Fit(data);
        var b = new MatrixFactorizationRecommender(options).Fit(data);
        Assert.All(data.Take(300), x => Assert.Equal(a.Predict(x.User, x.Item), b.Predict(x.User, x.Item)));
    }

    [Fact]
    public void Fit_SequentialSchedule_FollowsSurpriseLoopStepForStep()
    {
        // A double-precision transcription of Surprise's SVD.sgd on the same initial factors: users in order of first
        // appearance, each user's ratings in input order, no shuffling. Float32 rounding is the only difference.
        var data = RecommendationData.Small();
        var options = Fast with { Seed = 5 };
        var model = new MatrixFactorizationRecommender(options).Fit(data);
        var reference = new SurpriseSvdTranscription(data, options);
        double worst = data.Max(x => Math.Abs(model.Predict(x.User, x.Item) - reference.Predict(x.User, x.Item)));
        Assert.InRange(worst, 0, 2e-3);
    }

    [Fact]
    public void Fit_SequentialScheduleWithSeveralThreads_RejectedByValidation()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Threads = 2 }));
        Assert.Contains("MatrixFactorizationOptions.Schedule must be Blocked when Threads > 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_UnknownUserOrItem_FallsBackToMeanPlusKnownBias()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(Fast).Fit(data);
        string item = data[0].Item;
        string user = data[0].User;
        Assert.Equal(Math.Clamp(model.GlobalMean + model.Parameters.ItemBias[model.ItemIndex.TryGet(item, out int i) ? i : -1], 1f, 5f), model.Predict("nobody", item), 5);
        Assert.Equal(Math.Clamp(model.GlobalMean, 1f, 5f), model.Predict("nobody", "nothing"), 5);
        Assert.True(float.IsFinite(model.Predict(user, "nothing")));
    }

    [Fact]
    public void Predict_AnyPair_WithinScale()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(Fast with { LearningRate = 0.05f }).Fit(data);
        Assert.All(data, x => Assert.InRange(model.Predict(x.User, x.Item), 1f, 5f));
    }

    [Fact]
    public void RecommendTop_KnownUser_ExcludesSeenAndSortedDescending()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(Fast).Fit(data);
        foreach (string user in data.Select(x => x.User).Distinct().Take(30))
        {
            var seen = data.Where(x => x.User == user).Select(x => x.Item).ToHashSet();
            var top = model.RecommendTop(user, 25);
            Assert.Equal(Math.Min(25, model.ItemCount - seen.Count), top.Count);
            Assert.DoesNotContain(top, s => seen.Contains(s.Item));
            Assert.Equal(top.Count, top.Select(s => s.Item).Distinct().Count());
            Assert.True(top.Zip(top.Skip(1)).All(z => z.First.Score >= z.Second.Score));
        }
    }

    [Fact]
    public void RecommendTop_UnknownUser_MostPopularFirst()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(Fast).Fit(data);
        var top = model.RecommendTop("stranger", 5);
        var counts = data.GroupBy(x => x.Item).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(counts.Values.Max(), counts[top[0].Item]);
        Assert.True(top.Zip(top.Skip(1)).All(z => counts[z.First.Item] >= counts[z.Second.Item]));
    }

    [Fact]
    public void SimilarItems_KnownItem_ExcludesItselfSortedWithinCosineRange()
    {
        var data = RecommendationData.Small();
        var model = new MatrixFactorizationRecommender(Fast).Fit(data);
        var similar = model.SimilarItems(data[0].Item, 10);
        Assert.Equal(10, similar.Count);
        Assert.DoesNotContain(similar, s => s.Item == data[0].Item);
        Assert.All(similar, s => Assert.InRange(s.Score, -1.0001f, 1.0001f));
        Assert.True(similar.Zip(similar.Skip(1)).All(z => z.First.Score >= z.Second.Score));
    }

    [Fact]
    public void Constructor_SeveralBadOptions_ReportsAllAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(new MatrixFactorizationOptions
        {
            Factors = -1, Epochs = 0, LearningRate = float.NaN, Regularization = -1f, Threads = 0,
        }));
        Assert.Equal("options", ex.ParamName);
        foreach (string name in new[] { "Factors", "Epochs", "LearningRate", "Regularization", "Threads" })
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fit_RatingOutsideScale_ThrowsNamingRow()
    {
        Interaction[] data = [new("a", "x", 3f), new("a", "y", 6f), new("b", "x", 0f)];
        var ex = Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(Fast).Fit(data));
        Assert.Equal("interactions", ex.ParamName);
        Assert.Contains("row 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DuplicatePairRejectPolicy_ThrowsNamingPair()
    {
        Interaction[] data = [new("a", "x", 3f), new("a", "x", 4f)];
        var ex = Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(Fast).Fit(data));
        Assert.Contains("row 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DuplicatePairKeepLast_UsesLastValue()
    {
        Interaction[] data = [new("a", "x", 1f), new("a", "x", 5f), new("b", "y", 3f)];
        var model = new MatrixFactorizationRecommender(Fast with { Duplicates = DuplicatePairPolicy.KeepLast }).Fit(data);
        Assert.Equal(4f, model.GlobalMean, 5); // (5 + 3) / 2: the first rating of (a, x) is gone
    }

    [Fact]
    public void Fit_Empty_Throws() =>
        Assert.Equal("interactions", Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(Fast).Fit([])).ParamName);

    [Fact]
    public void Fit_NaNRating_Throws() =>
        Assert.Contains("row 0", Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(Fast).Fit([new("a", "x", float.NaN)])).Message, StringComparison.Ordinal);

    [Fact]
    public void Fit_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new MatrixFactorizationRecommender(Fast).Fit(RecommendationData.Small(), null, cts.Token));
    }
}

/// <summary>Progress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
