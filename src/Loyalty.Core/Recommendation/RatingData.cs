using System.Globalization;
using System.Runtime.InteropServices;

namespace Loyalty.Core.Recommendation;

/// <summary>Interactions indexed for training: dense user and item indexes, the ratings as coordinate triples and a
/// per-user compressed row view (items sorted) for seen-item exclusion and implicit terms.</summary>
internal sealed class RatingData
{
    private const int MaxReportedProblems = 5;

    private RatingData(IdIndex users, IdIndex items, RatingEntry[] entries)
    {
        Users = users;
        Items = items;
        Entries = entries;
        double sum = 0;
        foreach (var e in entries)
        {
            sum += e.Value;
        }

        Mean = entries.Length == 0 ? 0f : (float)(sum / entries.Length);
        ByUser = SparseRows.FromEntries(users.Count, entries, byUser: true);
    }

    internal IdIndex Users { get; }

    /// <summary>Rebuilds indexed data from its parts (a loaded model): mean and per-user rows are recomputed from
    /// <paramref name="entries"/> exactly as when fitting.</summary>
    internal static RatingData FromParts(IdIndex users, IdIndex items, RatingEntry[] entries) => new(users, items, entries);

    internal IdIndex Items { get; }

    /// <summary>One entry per distinct (user, item) pair, in first-occurrence order.</summary>
    internal RatingEntry[] Entries { get; }

    internal float Mean { get; }

    internal SparseRows ByUser { get; }

    /// <summary>Indexes <paramref name="interactions"/>; validates keys, values and the scale, and applies the
    /// duplicate policy. Every problem is reported in one exception naming the parameter and the rows.</summary>
    internal static RatingData Build(
        IReadOnlyList<Interaction> interactions, RatingScale? scale, DuplicatePairPolicy duplicates, string paramName, bool positive = false)
    {
        ArgumentNullException.ThrowIfNull(interactions, paramName);
        if (interactions.Count == 0)
        {
            throw new ArgumentException("No interactions: at least one is needed to fit a model.", paramName);
        }

        var problems = new List<string>();
        int problemCount = 0;
        void Report(string message)
        {
            problemCount++;
            if (problems.Count < MaxReportedProblems)
            {
                problems.Add(message);
            }
        }

        var users = new IdIndex();
        var items = new IdIndex();
        var entries = new List<RatingEntry>(interactions.Count);
        var firstRow = new Dictionary<long, int>(interactions.Count, PairKey.Comparer);
        for (int row = 0; row < interactions.Count; row++)
        {
            var x = interactions[row];
            bool ok = true;
            if (string.IsNullOrEmpty(x.User))
            {
                Report($"row {row}: the user key is empty");
                ok = false;
            }

            if (string.IsNullOrEmpty(x.Item))
            {
                Report($"row {row}: the item key is empty");
                ok = false;
            }

            if (!float.IsFinite(x.Value))
            {
                Report($"row {row}: the value {x.Value.ToString(CultureInfo.InvariantCulture)} is not a finite number");
                ok = false;
            }
            else if (scale is { } s && !s.Contains(x.Value))
            {
                Report($"row {row}: the rating {x.Value.ToString(CultureInfo.InvariantCulture)} is outside the scale " +
                       $"[{s.Min.ToString(CultureInfo.InvariantCulture)}, {s.Max.ToString(CultureInfo.InvariantCulture)}]");
                ok = false;
            }

            else if (positive && !(x.Value > 0f))
            {
                Report($"row {row}: the implicit strength {x.Value.ToString(CultureInfo.InvariantCulture)} must be > 0");
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            int u = users.GetOrAdd(x.User);
            int i = items.GetOrAdd(x.Item);
            long pair = PairKey.Pack(u, i);
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(firstRow, pair, out bool exists);
            if (!exists)
            {
                slot = entries.Count;
                entries.Add(new RatingEntry(u, i, x.Value));
                continue;
            }

            switch (duplicates)
            {
                case DuplicatePairPolicy.KeepLast:
                    entries[slot] = new RatingEntry(u, i, x.Value);
                    break;
                case DuplicatePairPolicy.Sum:
                    entries[slot] = new RatingEntry(u, i, entries[slot].Value + x.Value);
                    break;
                default:
                    Report($"row {row}: duplicate (user '{x.User}', item '{x.Item}') pair (DuplicatePairPolicy.Reject)");
                    break;
            }
        }

        if (problemCount > 0)
        {
            string more = problemCount > problems.Count ? $"; and {problemCount - problems.Count} more" : string.Empty;
            throw new ArgumentException(
                $"{problemCount} invalid interaction(s): {string.Join("; ", problems)}{more}.", paramName);
        }

        return new RatingData(users, items, [.. entries]);
    }
}

/// <summary>One rating by dense indexes.</summary>
internal readonly record struct RatingEntry(int User, int Item, float Value);
