namespace Loyalty.Core.Recommendation;

/// <summary>Continues SGD from a fitted model on new interactions only: new users and items get fresh rows, known
/// ones start from their fitted values, μ is kept. The old model is not changed (its arrays are copied).</summary>
internal static class PartialFitter
{
    internal static FactorModel Run(
        FactorModel model, IReadOnlyList<Interaction> interactions, MatrixFactorizationOptions o, CancellationToken cancellationToken)
    {
        var fresh = RatingData.Build(interactions, o.Scale, o.Duplicates, nameof(interactions));
        var users = model.UserIndex.Clone();
        var items = model.ItemIndex.Clone();
        var entries = new RatingEntry[fresh.Entries.Length];
        for (int n = 0; n < entries.Length; n++)
        {
            var e = fresh.Entries[n];
            entries[n] = new RatingEntry(users.GetOrAdd(fresh.Users[e.User]), items.GetOrAdd(fresh.Items[e.Item]), e.Value);
        }

        var old = model.Parameters;
        var random = new Random(o.Seed);
        var userFactors = Grow(old.Users, users.Count, random, o.InitStdDev);
        var itemFactors = Grow(old.Items, items.Count, random, o.InitStdDev);
        var userBias = new float[users.Count];
        var itemBias = new float[items.Count];
        old.UserBias.CopyTo(userBias, 0);
        old.ItemBias.CopyTo(itemBias, 0);
        var parameters = new BiasedFactors(old.Mean, userBias, itemBias, userFactors, itemFactors);
        var blocks = o.Blocks(entries, users.Count, items.Count, random);
        BiasedSgd.Train(parameters, blocks, SgdSettings.From(o), random, entries, null, cancellationToken);
        var seen = MergeSeen(model.Seen, users.Count, entries);
        return new FactorModel(model.Algorithm, users, items, parameters, model.Clip, seen, model.FoldIn);
    }

    private static FactorMatrix Grow(FactorMatrix old, int rows, Random random, float stdDev)
    {
        var grown = old.CopyResized(rows);
        for (int r = old.Rows; r < rows; r++)
        {
            var row = grown.Logical(r);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = stdDev * Gaussian.Next(random);
            }
        }

        return grown;
    }

    /// <summary>Old seen lists plus the new pairs (a re-rated pair takes the new value).</summary>
    private static SparseRows MergeSeen(SparseRows old, int userCount, RatingEntry[] added)
    {
        var all = new Dictionary<long, RatingEntry>(PairKey.Comparer);
        for (int u = 0; u < old.RowCount; u++)
        {
            var columns = old.ColumnsOf(u);
            var values = old.ValuesOf(u);
            for (int n = 0; n < columns.Length; n++)
            {
                all[PairKey.Pack(u, columns[n])] = new RatingEntry(u, columns[n], values[n]);
            }
        }

        foreach (var e in added)
        {
            all[PairKey.Pack(e.User, e.Item)] = e;
        }

        return SparseRows.FromEntries(userCount, [.. all.Values], byUser: true);
    }
}
