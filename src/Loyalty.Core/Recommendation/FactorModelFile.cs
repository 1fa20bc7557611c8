using Loyalty.Core.Persistence;

namespace Loyalty.Core.Recommendation;

/// <summary>The <c>loyalty.factor</c> format of <see cref="FactorModel"/> (SVD, SVD++, baseline, implicit ALS): the
/// keys, biases, logical factor columns (independent of the padding) and the seen-item lists.</summary>
internal static class FactorModelFile
{
    internal const string Format = "loyalty.factor";
    internal const int Version = 1;

    internal static void Write(FactorModel model, Stream stream) => ModelFileWriter.Write(stream, Format, Version, w =>
    {
        var p = model.Parameters;
        w.Write(model.Algorithm);
        w.Write(p.Mean);
        w.Write(model.Clip.HasValue);
        w.Write(model.Clip?.Min ?? 0f);
        w.Write(model.Clip?.Max ?? 0f);
        w.Write(model.FoldIn.Regularization);
        w.Write(model.FoldIn.ImplicitAlpha ?? float.NaN);
        w.Write(model.UserIndex.Keys);
        w.Write(model.ItemIndex.Keys);
        w.Write(p.UserBias);
        w.Write(p.ItemBias);
        w.Write(model.Factors);
        w.Write(Logical(p.Users));
        w.Write(Logical(p.Items));
        w.Write(model.Seen.Start);
        w.Write(model.Seen.Columns);
        w.Write(model.Seen.Values);
    });

    internal static FactorModel Read(Stream stream) => ModelFileReader.Read(stream, Format, Version, r =>
    {
        string algorithm = r.ReadString("algorithm");
        float mean = r.ReadSingle("mean");
        bool hasClip = r.ReadBoolean("hasClip");
        var clip = new RatingScale(r.ReadSingle("clip.min"), r.ReadSingle("clip.max"));
        if (hasClip && !(clip.Min < clip.Max))
        {
            throw r.Invalid("clip", $"is [{ModelFileReader.Show(clip.Min)}, {ModelFileReader.Show(clip.Max)}]; the minimum must be below the maximum");
        }

        float foldInRegularization = r.ReadSingle("foldIn.regularization");
        if (foldInRegularization < 0)
        {
            throw r.Invalid("foldIn.regularization", $"is {ModelFileReader.Show(foldInRegularization)}; it must be 0 or more");
        }

        float alpha = r.ReadAnySingle("foldIn.implicitAlpha");
        if (!float.IsNaN(alpha) && !(float.IsFinite(alpha) && alpha > 0))
        {
            throw r.Invalid("foldIn.implicitAlpha", $"is {ModelFileReader.Show(alpha)}; it must be absent (NaN) or a finite number greater than 0");
        }
        var users = Index(r, "userKeys");
        var items = Index(r, "itemKeys");
        float[] userBias = r.ReadSingles("userBias", users.Count);
        float[] itemBias = r.ReadSingles("itemBias", items.Count);
        int factors = r.ReadInt32("factors", 0, 1 << 16);
        var userFactors = Matrix(r, "userFactors", users.Count, factors);
        var itemFactors = Matrix(r, "itemFactors", items.Count, factors);
        var seen = SeenRows(r, users.Count, items.Count);
        var parameters = new BiasedFactors(mean, userBias, itemBias, userFactors, itemFactors);
        var foldIn = new FoldInSettings(foldInRegularization, float.IsNaN(alpha) ? null : alpha);
        return new FactorModel(algorithm, users, items, parameters, hasClip ? clip : null, seen, foldIn);
    });

    /// <summary>Per-user seen items: row offsets from 0 to the item count, never decreasing (checked for every row
    /// before any row is read through them); items ascending within a row.</summary>
    internal static SparseRows SeenRows(ModelFileReader r, int users, int items)
    {
        int[] start = r.ReadInt32s("seen.start", 0, int.MaxValue, checked(users + 1));
        int[] columns = r.ReadInt32s("seen.items", 0, items - 1);
        float[] values = r.ReadSingles("seen.values", columns.Length);
        if (start[0] != 0 || start[users] != columns.Length)
        {
            throw r.Invalid("seen.start", $"runs from {start[0]} to {start[users]}; it must run from 0 to {columns.Length}");
        }

        for (int u = 0; u < users; u++)
        {
            if (start[u + 1] < start[u])
            {
                throw r.Invalid($"seen.start[{u + 1}]", $"is {start[u + 1]}, below seen.start[{u}] = {start[u]}; row offsets must not decrease");
            }
        }

        for (int u = 0; u < users; u++)
        {
            for (int at = start[u] + 1; at < start[u + 1]; at++)
            {
                if (columns[at] <= columns[at - 1])
                {
                    throw r.Invalid($"seen.items[{at}]", $"is not ascending within user {u}");
                }
            }
        }

        return new SparseRows(start, columns, values);
    }

    internal static IdIndex Index(ModelFileReader r, string field)
    {
        string[] keys = r.ReadStrings(field);
        var distinct = new HashSet<string>(keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++)
        {
            if (!distinct.Add(keys[i]))
            {
                throw r.Invalid($"{field}[{i}]", $"repeats the key {ModelFileText.Excerpt(keys[i])}");
            }
        }

        try
        {
            return new IdIndex(keys);
        }
        catch (InvalidDataException ex)
        {
            throw r.Invalid(field, ModelFileText.OneLine(ex.Message));
        }
    }

    private static float[] Logical(FactorMatrix matrix)
    {
        var values = new float[matrix.Rows * matrix.Columns];
        for (int row = 0; row < matrix.Rows; row++)
        {
            matrix.Logical(row).CopyTo(values.AsSpan(row * matrix.Columns));
        }

        return values;
    }

    private static FactorMatrix Matrix(ModelFileReader r, string field, int rows, int columns)
    {
        r.EnsureRemaining(field, (long)rows * columns, sizeof(float));
        float[] values = r.ReadSingles(field, rows * columns);
        var matrix = new FactorMatrix(rows, columns);
        for (int row = 0; row < rows; row++)
        {
            values.AsSpan(row * columns, columns).CopyTo(matrix.Logical(row));
        }

        return matrix;
    }
}
