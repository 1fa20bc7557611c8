namespace Loyalty.Core.Recommendation;

/// <summary>Binary persistence of <see cref="KnnModel"/>: header and format version, the options, the keys, the
/// training ratings (indexes and values, in fitting order) and the upper triangle of the similarity matrix. Means
/// and the per-user / per-item lists are rebuilt from the ratings by the same code as in fitting, so a loaded model
/// predicts identically.</summary>
internal static class KnnModelSerializer
{
    internal const string Magic = "LOYALTY.CORE/KNN-MODEL";
    internal const int Version = 1;

    internal static void Write(KnnModel model, Stream stream)
    {
        using var w = ModelStream.Writer(stream, Magic, Version);
        var o = model.Options;
        w.Write(o.UserBased);
        w.Write((int)o.Similarity);
        w.Write(o.Shrinkage);
        w.Write(o.K);
        w.Write(o.MinK);
        w.Write(o.Scale.Min);
        w.Write(o.Scale.Max);
        w.Write((int)o.Duplicates);
        var data = model.Data;
        w.Write(data.Users.Count);
        w.Write(data.Items.Count);
        w.Write(data.Entries.Length);
        foreach (string key in data.Users.Keys)
        {
            w.Write(key);
        }

        foreach (string key in data.Items.Keys)
        {
            w.Write(key);
        }

        foreach (var e in data.Entries)
        {
            w.Write(e.User);
            w.Write(e.Item);
            w.Write(e.Value);
        }

        int n = model.SimilarityRows;
        for (int a = 0; a < n; a++)
        {
            ModelStream.WriteFloats(w, model.Similarity.AsSpan((a * n) + a + 1, n - a - 1));
        }
    }

    internal static KnnModel Read(Stream stream) => ModelStream.Read(stream, Magic, Version, "kNN model", ReadBody);

    private static KnnModel ReadBody(BinaryReader r)
    {
        var options = new KnnOptions
        {
            UserBased = r.ReadBoolean(),
            Similarity = (KnnSimilarity)r.ReadInt32(),
            Shrinkage = r.ReadSingle(),
            K = r.ReadInt32(),
            MinK = r.ReadInt32(),
            Scale = new RatingScale(r.ReadSingle(), r.ReadSingle()),
            Duplicates = (DuplicatePairPolicy)r.ReadInt32(),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"The kNN model stream holds invalid options: {ex.Message}", ex);
        }

        int users = ModelStream.NonNegative(r.ReadInt32(), "user count");
        int items = ModelStream.NonNegative(r.ReadInt32(), "item count");
        int count = ModelStream.NonNegative(r.ReadInt32(), "rating count");
        int size = options.UserBased ? users : items;

        // At least: a one-byte key per user and item, three values per rating, the upper triangle of similarities.
        ModelStream.EnsureRemaining(
            r, users + (long)items + (12L * count) + ((long)size * (size - 1) / 2 * sizeof(float)),
            $"{users:N0} users, {items:N0} items and {count:N0} ratings");
        var userIndex = new IdIndex(ModelStream.ReadStrings(r, users));
        var itemIndex = new IdIndex(ModelStream.ReadStrings(r, items));
        var entries = new RatingEntry[count];
        for (int n = 0; n < count; n++)
        {
            int u = ModelStream.Index(r.ReadInt32(), users, "User");
            int i = ModelStream.Index(r.ReadInt32(), items, "Item");
            entries[n] = new RatingEntry(u, i, r.ReadSingle());
        }

        var similarity = new float[(long)size * size];
        for (int a = 0; a < size; a++)
        {
            similarity[(a * size) + a] = 1f;
            float[] upper = ModelStream.ReadFloats(r, size - a - 1);
            for (int b = a + 1; b < size; b++)
            {
                similarity[(a * size) + b] = similarity[(b * size) + a] = upper[b - a - 1];
            }
        }

        var data = RatingData.FromParts(userIndex, itemIndex, entries);
        return new KnnModel(data, SparseRows.FromEntries(items, entries, byUser: false), similarity, options);
    }
}
