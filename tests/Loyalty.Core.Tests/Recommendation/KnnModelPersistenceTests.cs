using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class KnnModelPersistenceTests
{
    public static TheoryData<bool, KnnSimilarity> Variants => new()
    {
        { false, KnnSimilarity.Pearson }, { true, KnnSimilarity.Cosine },
    };

    private static KnnModel RoundTrip(KnnModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return KnnModel.Load(stream);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SaveLoad_RoundTrip_PredictsAndRanksIdentically(bool userBased, KnnSimilarity similarity)
    {
        var data = RecommendationData.Small();
        var options = new KnnOptions { UserBased = userBased, Similarity = similarity, K = 15, MinK = 2, Shrinkage = 50f, Scale = new RatingScale(0.5f, 5f) };
        var model = new KnnRecommender(options).Fit(data);
        var loaded = RoundTrip(model);
        Assert.Equal(model.Options, loaded.Options);
        var users = data.Select(x => x.User).Distinct().Take(20).Append("stranger").ToList();
        var items = data.Select(x => x.Item).Distinct().Take(40).Append("unknown").ToList();
        Assert.All(users.SelectMany(u => items.Select(i => (u, i))), p => Assert.Equal(model.Predict(p.u, p.i), loaded.Predict(p.u, p.i)));
        Assert.All(users, u => Assert.Equal(model.RecommendTop(u, 10), loaded.RecommendTop(u, 10)));
    }

    [Fact]
    public void Load_FactorModelFile_ThrowsNamingBothFormats()
    {
        var factorModel = new BaselineRecommender().Fit(RecommendationData.Small());
        using var stream = new MemoryStream();
        factorModel.Save(stream);
        stream.Position = 0;
        var ex = Assert.Throws<InvalidDataException>(() => KnnModel.Load(stream));
        Assert.Equal("The stream is a loyalty.factor model file, not loyalty.knn.", ex.Message);
    }

    [Fact]
    public void Load_UserKeyCountLargerThanTheStream_ThrowsInvalidDataBeforeAllocating()
    {
        var model = new KnnRecommender(new KnnOptions { UserBased = true }).Fit(RecommendationData.Small());
        using var stream = new MemoryStream();
        model.Save(stream);
        byte[] bytes = stream.ToArray();

        // After the version: the options (bool, five 4-byte values, two floats of the scale), then the user keys' count.
        int usersAt = Persistence.SavedModels.VersionOffset(bytes) + 4 + 1 + (7 * 4);
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, usersAt);
        var ex = Assert.Throws<InvalidDataException>(() => KnnModel.Load(new MemoryStream(bytes)));
        Assert.Contains("userKeys declares 2,147,483,647 values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonSeekableStream_PredictsIdentically()
    {
        var data = RecommendationData.Small();
        var model = new KnnRecommender().Fit(data);
        using var saved = new MemoryStream();
        model.Save(saved);
        var loaded = KnnModel.Load(new ForwardOnlyStream(saved.ToArray()));
        Assert.All(data.Take(200), x => Assert.Equal(model.Predict(x.User, x.Item), loaded.Predict(x.User, x.Item)));
    }

    [Fact]
    public void SaveLoad_Null_Throws()
    {
        var model = new KnnRecommender().Fit(RecommendationData.Small());
        Assert.Throws<ArgumentNullException>(() => model.Save(null!));
        Assert.Throws<ArgumentNullException>(() => KnnModel.Load(null!));
    }
}
