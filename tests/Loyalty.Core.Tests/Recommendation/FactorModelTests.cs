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

    [Fact]
    public void Load_FactorCountLargerThanTheStream_ThrowsInvalidDataBeforeAllocating()
    {
        // A factor count of 2^16 makes every factor matrix declare far more floats than the file holds.
        var model = Fit("svd", RecommendationData.Small());
        using var saved = new MemoryStream();
        model.Save(saved);
        byte[] bytes = saved.ToArray();
        int factorsAt = FactorCountOffset(model, bytes);
        Assert.Equal(model.Factors, BitConverter.ToInt32(bytes, factorsAt));
        BitConverter.GetBytes(1 << 16).CopyTo(bytes, factorsAt);
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(new MemoryStream(bytes)));
        Assert.Contains("userFactors declares", ex.Message, StringComparison.Ordinal);
        Assert.Contains("remain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaNBias_ThrowsNamingTheBias()
    {
        var model = Fit("svd", RecommendationData.Small());
        using var saved = new MemoryStream();
        model.Save(saved);
        byte[] bytes = saved.ToArray();

        // userBias (count, then floats) ends 4 bytes before itemBias starts; itemBias ends just before the factor count.
        int itemBiasAt = FactorCountOffset(model, bytes) - (4 * model.ItemCount);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, itemBiasAt);
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(new MemoryStream(bytes)));
        Assert.Contains("itemBias[0] is NaN; it must be finite", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The factor count follows the two bias arrays: find it by reading the file's layout.</summary>
    private static int FactorCountOffset(FactorModel model, byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        reader.ReadBytes(4);
        reader.ReadString();
        reader.ReadInt32();
        reader.ReadString(); // algorithm
        reader.ReadBytes(4 + 1 + 4 + 4 + 4 + 4); // mean, hasClip, clip, fold-in regularisation and alpha
        for (int side = 0; side < 2; side++)
        {
            int keys = reader.ReadInt32();
            for (int k = 0; k < keys; k++)
            {
                reader.ReadString();
            }
        }

        reader.ReadBytes(4 + (4 * model.UserCount) + 4 + (4 * model.ItemCount));
        return (int)reader.BaseStream.Position;
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
