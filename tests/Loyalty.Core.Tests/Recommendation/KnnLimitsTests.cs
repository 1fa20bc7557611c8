using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>Issue 15, item 5: kNN refuses sizes its dense similarity matrix cannot hold, before allocating it.</summary>
public sealed class KnnLimitsTests
{
    /// <summary>One rating per item, spread over 100 users.</summary>
    private static Interaction[] OneRatingPerItem(int items) =>
        Enumerable.Range(0, items).Select(i => new Interaction($"u{i % 100}", $"i{i}", 1 + (i % 5))).ToArray();

    [Fact]
    public void Fit_46341Items_RefusedNamingCountAndLimitWithoutAllocating()
    {
        var data = OneRatingPerItem(46_341);
        var knn = new KnnRecommender(new KnnOptions { MaxMemoryBytes = long.MaxValue });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ArgumentException>(() => knn.Fit(data));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("interactions", error.ParamName);
        Assert.Contains("knn over 46,341 items", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 46,340 items", error.Message, StringComparison.Ordinal);
        // The matrix alone would be 8.6 GB per array; indexing the ratings costs a few MB.
        Assert.True(allocated < 256L << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Fit_46340Items_PassesTheArrayLimitCheck()
    {
        Assert.Equal(46_340, KnnLimits.MaxRows);
        KnnLimits.EnsureFits(46_340, "items", long.MaxValue, "interactions");
    }

    [Fact]
    public void Fit_UserBasedAboveMemoryCap_RefusedNamingUsersAndCap()
    {
        var options = new KnnOptions { UserBased = true, MaxMemoryBytes = (28L * 100 * 100) - 1 };
        var error = Assert.Throws<ArgumentException>(() => new KnnRecommender(options).Fit(OneRatingPerItem(300)));
        Assert.Contains("knn over 100 users", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 99 users", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxMemoryBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AtMemoryCap_Fits()
    {
        var options = new KnnOptions { UserBased = true, MaxMemoryBytes = 28L * 100 * 100 };
        Assert.NotNull(new KnnRecommender(options).Fit(OneRatingPerItem(300)));
    }

    [Fact]
    public void Options_NonPositiveMaxMemory_Rejected() =>
        Assert.Contains("MaxMemoryBytes", Assert.Throws<ArgumentException>(() => new KnnRecommender(new KnnOptions { MaxMemoryBytes = 0 })).Message, StringComparison.Ordinal);
}
