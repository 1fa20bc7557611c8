using Loyalty.Core.Persistence;

namespace Loyalty.Core.Recommendation;

/// <summary>The <c>loyalty.knn</c> format of <see cref="KnnModel"/>: the options, the keys, the training ratings
/// (in fitting order) and the upper triangle of the similarity matrix. Means and the per-user / per-item lists are
/// rebuilt from the ratings by the code the fit uses, so a loaded model predicts identically.</summary>
internal static class KnnModelFile
{
    internal const string Format = "loyalty.knn";
    internal const int Version = 1;

    /// <summary>The largest user (or item) count whose dense n × n similarity matrix an array can index: n² must stay
    /// below 2³¹.</summary>
    internal const int MaxSimilarityRows = 46_340;

    internal static void Write(KnnModel model, Stream stream) => ModelFileWriter.Write(stream, Format, Version, w =>
    {
        var o = model.Options;
        w.Write(o.UserBased);
        w.WriteEnum(o.Similarity);
        w.Write(o.Shrinkage);
        w.Write(o.K);
        w.Write(o.MinK);
        w.Write(o.Scale.Min);
        w.Write(o.Scale.Max);
        w.WriteEnum(o.Duplicates);
        var data = model.Data;
        w.Write(data.Users.Keys);
        w.Write(data.Items.Keys);
        w.Write(data.Entries.Select(e => e.User).ToArray());
        w.Write(data.Entries.Select(e => e.Item).ToArray());
        w.Write(data.Entries.Select(e => e.Value).ToArray());
        int n = model.SimilarityRows;
        var upper = new float[(long)n * (n - 1) / 2];
        int at = 0;
        for (int a = 0; a < n; a++)
        {
            model.Similarity.AsSpan((a * n) + a + 1, n - a - 1).CopyTo(upper.AsSpan(at));
            at += n - a - 1;
        }

        w.Write(upper);
    });

    internal static KnnModel Read(Stream stream) => ModelFileReader.Read(stream, Format, Version, r =>
    {
        var options = new KnnOptions
        {
            UserBased = r.ReadBoolean("options.userBased"),
            Similarity = r.ReadEnum<KnnSimilarity>("options.similarity"),
            Shrinkage = r.ReadSingle("options.shrinkage"),
            K = r.ReadInt32("options.k"),
            MinK = r.ReadInt32("options.minK"),
            Scale = new RatingScale(r.ReadSingle("options.scale.min"), r.ReadSingle("options.scale.max")),
            Duplicates = r.ReadEnum<DuplicatePairPolicy>("options.duplicates"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw r.Invalid("options", $"are invalid: {ModelFileText.OneLine(ex.Message)}");
        }

        var users = FactorModelFile.Index(r, "userKeys");
        var items = FactorModelFile.Index(r, "itemKeys");
        int[] ratingUsers = r.ReadInt32s("ratings.user", 0, users.Count - 1);
        int[] ratingItems = r.ReadInt32s("ratings.item", 0, items.Count - 1, ratingUsers.Length);
        float[] ratingValues = r.ReadSingles("ratings.value", ratingUsers.Length);
        int size = options.UserBased ? users.Count : items.Count;
        if (size > MaxSimilarityRows)
        {
            throw r.Invalid(options.UserBased ? "userKeys" : "itemKeys", $"holds {size:N0} keys; a kNN model holds a similarity matrix of at most {MaxSimilarityRows:N0} rows");
        }

        long upperCount = (long)size * (size - 1) / 2;
        r.EnsureRemaining("similarity", upperCount, sizeof(float));
        float[] upper = r.ReadSingles("similarity", (int)upperCount);
        var similarity = new float[(long)size * size];
        int at = 0;
        for (int a = 0; a < size; a++)
        {
            similarity[(a * size) + a] = 1f;
            for (int b = a + 1; b < size; b++)
            {
                similarity[(a * size) + b] = similarity[(b * size) + a] = upper[at++];
            }
        }

        var entries = new RatingEntry[ratingUsers.Length];
        for (int n = 0; n < entries.Length; n++)
        {
            entries[n] = new RatingEntry(ratingUsers[n], ratingItems[n], ratingValues[n]);
        }

        var data = RatingData.FromParts(users, items, entries);
        return new KnnModel(data, SparseRows.FromEntries(items.Count, entries, byUser: false), similarity, options);
    });
}
