using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class FactorModelTests
{
    private static readonly MatrixFactorizationOptions Fast = new() { Factors = 20, Epochs = 10 };

    public static TheoryData<string> Algorithms => ["svd", "svdpp", "baseline", "als"];

    private static FactorModel Fit(string algorithm, Interaction[] data) => algorithm switch
    {
        "svd" => new MatrixFactorizationRecommender(Fast).Fit(data),
        "svdpp" => new SvdPlusPlusRecommender(new SvdPlusPlusOptions { Epochs = 5 }).Fit(data),
        "baseline" => new BaselineRecommender().Fit(data),
        _ => new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 16, Iterations = 3 }).Fit(data),
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SaveLoad_RoundTrip_PredictsIdentically(string algorithm)
    {
        var data = RecommendationData.Small();
        var model = Fit(algorithm, data);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = FactorModel.Load(stream);
        Assert.Equal(model.Algorithm, loaded.Algorithm);
        Assert.All(data.Take(500), x => Assert.Equal(model.Predict(x.User, x.Item), loaded.Predict(x.User, x.Item)));
        Assert.Equal(model.Predict("new", "unknown"), loaded.Predict("new", "unknown"));
        Assert.Equal(model.RecommendTop(data[0].User, 10), loaded.RecommendTop(data[0].User, 10));
    }

    [Fact]
    public void Load_WrongHeader_ThrowsInvalidData()
    {
        using var stream = new MemoryStream([5, 1, 2, 3, 4, 5, 0, 0]);
        Assert.Throws<InvalidDataException>(() => FactorModel.Load(stream));
    }

    [Theory]
    [InlineData(0, int.MaxValue)]
    [InlineData(2, int.MaxValue)]
    [InlineData(2, 1 << 24)]
    public void Load_CountLargerThanTheStream_ThrowsInvalidDataBeforeAllocating(int field, int value)
    {
        // field 0 = user count, 1 = item count, 2 = factor count: each declares far more data than the file holds.
        var model = Fit("svd", RecommendationData.Small());
        using var saved = new MemoryStream();
        model.Save(saved);
        byte[] bytes = saved.ToArray();
        using (var reader = new BinaryReader(new MemoryStream(bytes)))
        {
            reader.ReadString();
            reader.ReadInt32();
            reader.ReadString();
            BitConverter.GetBytes(value).CopyTo(bytes, reader.BaseStream.Position + (4 * field));
        }

        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(new MemoryStream(bytes)));
        Assert.Contains("remain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonSeekableStream_PredictsIdentically()
    {
        var data = RecommendationData.Small();
        var model = Fit("svd", data);
        using var saved = new MemoryStream();
        model.Save(saved);
        var loaded = FactorModel.Load(new ForwardOnlyStream(saved.ToArray()));
        Assert.All(data.Take(200), x => Assert.Equal(model.Predict(x.User, x.Item), loaded.Predict(x.User, x.Item)));
    }

    [Fact]
    public void Load_Truncated_ThrowsInvalidData()
    {
        var model = Fit("svd", RecommendationData.Small());
        using var full = new MemoryStream();
        model.Save(full);
        using var cut = new MemoryStream(full.ToArray()[..(int)(full.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => FactorModel.Load(cut));
    }

    [Fact]
    public void FoldInUser_KnownUsersRatings_RanksLikeTheTrainedUser()
    {
        var data = RecommendationData.Small();
        var model = Fit("svd", data);
        string user = data.GroupBy(x => x.User).OrderByDescending(g => g.Count()).First().Key;
        var ratings = data.Where(x => x.User == user).Select(x => new KeyValuePair<string, float>(x.Item, x.Value)).ToList();
        var folded = model.FoldInUser(ratings);

        // The fold-in solves for the user from scratch, so it need not equal the SGD vector, but its predictions
        // should track the user's own ratings better than the global mean does.
        double foldedError = ratings.Average(r => Math.Abs(r.Value - folded.Predict(r.Key)));
        double meanError = ratings.Average(r => Math.Abs(r.Value - model.GlobalMean));
        Assert.True(foldedError < meanError, $"{foldedError} !< {meanError}");
        var top = folded.RecommendTop(10);
        Assert.DoesNotContain(top, s => ratings.Any(r => r.Key == s.Item));
        Assert.True(top.Zip(top.Skip(1)).All(z => z.First.Score >= z.Second.Score));
    }

    [Fact]
    public void FoldInUser_ImplicitModel_RecommendsUnseenFinite()
    {
        var data = RecommendationData.Small();
        var model = Fit("als", data);
        var folded = model.FoldInUser([new("i1", 2f), new("i2", 1f), new("unknown-item", 1f)]);
        var top = folded.RecommendTop(5);
        Assert.Equal(5, top.Count);
        Assert.All(top, s => Assert.True(float.IsFinite(s.Score)));
        Assert.DoesNotContain(top, s => s.Item is "i1" or "i2");
    }

    [Fact]
    public void FoldInUser_RatingOutsideScale_Throws() =>
        Assert.Throws<ArgumentException>(() => Fit("svd", RecommendationData.Small()).FoldInUser([new("i1", 9f)]));
}

public sealed class PartialFitTests
{
    private static readonly MatrixFactorizationOptions Fast = new() { Factors = 20, Epochs = 10 };

    [Fact]
    public void PartialFit_NewUser_KnownAfterwardsOldModelUnchanged()
    {
        var data = RecommendationData.Small();
        var recommender = new MatrixFactorizationRecommender(Fast);
        var model = recommender.Fit(data);
        float before = model.Predict(data[0].User, data[0].Item);
        Interaction[] added = [new("newcomer", data[0].Item, 5f), new("newcomer", data[1].Item, 4f), new("newcomer", "brand-new-item", 2f)];
        var updated = recommender.PartialFit(model, added);
        Assert.False(model.IsKnownUser("newcomer"));
        Assert.True(updated.IsKnownUser("newcomer"));
        Assert.True(updated.IsKnownItem("brand-new-item"));
        Assert.Equal(before, model.Predict(data[0].User, data[0].Item));
        Assert.DoesNotContain(updated.RecommendTop("newcomer", 200), s => s.Item == data[0].Item || s.Item == "brand-new-item");
    }

    [Fact]
    public void PartialFit_MoreRatingsForUser_MovesPredictionTowardsThem()
    {
        var data = RecommendationData.Small();
        var recommender = new MatrixFactorizationRecommender(Fast);
        var model = recommender.Fit(data);
        string user = data[0].User;
        var unseen = model.RecommendTop(user, 200).Select(s => s.Item).Skip(100).Take(5).ToList();
        var updated = recommender.PartialFit(model, [.. unseen.Select(i => new Interaction(user, i, 5f))]);
        Assert.True(unseen.Average(i => updated.Predict(user, i)) > unseen.Average(i => model.Predict(user, i)));
    }

    [Fact]
    public void PartialFit_ImplicitModel_Throws()
    {
        var als = new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 20, Iterations = 1 }).Fit(RecommendationData.Small());
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => new MatrixFactorizationRecommender(Fast).PartialFit(als, [new("a", "b", 3f)])).ParamName);
    }
}
