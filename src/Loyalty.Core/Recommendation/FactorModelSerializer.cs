namespace Loyalty.Core.Recommendation;

/// <summary>Binary persistence of <see cref="FactorModel"/>: a magic string and a format version, then the keys, biases,
/// factors (logical columns only) and the seen-item lists. Little-endian, independent of the padding.</summary>
internal static class FactorModelSerializer
{
    internal const string Magic = "LOYALTY.CORE/FACTOR-MODEL";
    internal const int Version = 1;

    internal static void Write(FactorModel model, Stream stream)
    {
        using var w = ModelStream.Writer(stream, Magic, Version);
        w.Write(model.Algorithm);
        var p = model.Parameters;
        w.Write(model.UserCount);
        w.Write(model.ItemCount);
        w.Write(model.Factors);
        w.Write(p.Mean);
        w.Write(model.Clip.HasValue);
        w.Write(model.Clip?.Min ?? 0f);
        w.Write(model.Clip?.Max ?? 0f);
        w.Write(model.FoldIn.Regularization);
        w.Write(model.FoldIn.ImplicitAlpha ?? float.NaN);
        foreach (string key in model.UserIndex.Keys)
        {
            w.Write(key);
        }

        foreach (string key in model.ItemIndex.Keys)
        {
            w.Write(key);
        }

        ModelStream.WriteFloats(w, p.UserBias);
        ModelStream.WriteFloats(w, p.ItemBias);
        for (int u = 0; u < model.UserCount; u++)
        {
            ModelStream.WriteFloats(w, p.Users.Logical(u));
        }

        for (int i = 0; i < model.ItemCount; i++)
        {
            ModelStream.WriteFloats(w, p.Items.Logical(i));
        }

        foreach (int s in model.Seen.Start)
        {
            w.Write(s);
        }

        foreach (int c in model.Seen.Columns)
        {
            w.Write(c);
        }

        ModelStream.WriteFloats(w, model.Seen.Values);
    }

    internal static FactorModel Read(Stream stream) => ModelStream.Read(stream, Magic, Version, "factor model", ReadBody);

    private static FactorModel ReadBody(BinaryReader r)
    {
        string algorithm = r.ReadString();
        int users = ModelStream.NonNegative(r.ReadInt32(), "user count");
        int items = ModelStream.NonNegative(r.ReadInt32(), "item count");
        int factors = ModelStream.NonNegative(r.ReadInt32(), "factor count");
        float mean = r.ReadSingle();
        bool hasClip = r.ReadBoolean();
        var clip = new RatingScale(r.ReadSingle(), r.ReadSingle());
        float foldInRegularization = r.ReadSingle();
        float alpha = r.ReadSingle();

        // Per user and per item at least: a one-byte key, a bias and the factors; then the seen-list offsets.
        long perRow = 1 + sizeof(float) + ((long)sizeof(float) * factors);
        ModelStream.EnsureRemaining(
            r, ((users + (long)items) * perRow) + ((users + 1L) * sizeof(int)),
            $"{users:N0} users and {items:N0} items with {factors:N0} factors");
        var userIndex = new IdIndex(ModelStream.ReadStrings(r, users));
        var itemIndex = new IdIndex(ModelStream.ReadStrings(r, items));
        float[] userBias = ModelStream.ReadFloats(r, users);
        float[] itemBias = ModelStream.ReadFloats(r, items);
        var userFactors = new FactorMatrix(users, factors);
        for (int u = 0; u < users; u++)
        {
            ModelStream.ReadFloats(r, factors).CopyTo(userFactors.Logical(u));
        }

        var itemFactors = new FactorMatrix(items, factors);
        for (int i = 0; i < items; i++)
        {
            ModelStream.ReadFloats(r, factors).CopyTo(itemFactors.Logical(i));
        }

        var start = new int[users + 1];
        for (int s = 0; s < start.Length; s++)
        {
            start[s] = r.ReadInt32();
        }

        int seenCount = ModelStream.NonNegative(start[users], "seen count");
        ModelStream.EnsureRemaining(r, (long)seenCount * (sizeof(int) + sizeof(float)), $"{seenCount:N0} seen ratings");
        var columns = new int[seenCount];
        for (int c = 0; c < seenCount; c++)
        {
            columns[c] = r.ReadInt32();
            if ((uint)columns[c] >= (uint)items)
            {
                throw new InvalidDataException($"Seen item index {columns[c]} is out of range.");
            }
        }

        float[] values = ModelStream.ReadFloats(r, seenCount);
        var parameters = new BiasedFactors(mean, userBias, itemBias, userFactors, itemFactors);
        var foldIn = new FoldInSettings(foldInRegularization, float.IsNaN(alpha) ? null : alpha);
        return new FactorModel(
            algorithm, userIndex, itemIndex, parameters, hasClip ? clip : null, new SparseRows(start, columns, values), foldIn);
    }
}
