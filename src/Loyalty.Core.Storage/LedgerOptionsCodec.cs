using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Loyalty.Core.Rewards;

namespace Loyalty.Core.Storage;

/// <summary>
/// Writes <see cref="LedgerOptions"/> as one canonical line and reads it back, so a store can keep every version of
/// the options its postings were recorded under. The version id is a hash of the line: the same options always get
/// the same id, in every process, without a counter to race on.
/// </summary>
/// <remarks>Thread safety: stateless; safe to use from any thread.</remarks>
internal static class LedgerOptionsCodec
{
    private const string Header = "ledger-options/1";

    /// <summary>The prefix of the <c>loyalty_meta</c> names under which the versions are kept.</summary>
    internal const string MetaPrefix = "ledger_options:";

    /// <summary>The canonical line of <paramref name="options"/> and its version id.</summary>
    internal static (string Version, string Text) Encode(LedgerOptions options)
    {
        var text = new StringBuilder(Header);
        Add(text, "ppu", Number(options.PointsPerCurrencyUnit));
        Add(text, "pending", Ticks(options.PendingPeriod));
        Add(text, "expiry", Ticks(options.ExpiryPeriod));
        Add(text, "value", Number(options.PointValue));
        Add(text, "window", Ticks(options.TierWindow));
        Add(text, "grace", Ticks(options.TierGracePeriod));
        Add(text, "maxcmd", options.MaxPointsPerCommand.ToString(CultureInfo.InvariantCulture));
        Add(text, "maxpurchase", Number(options.MaxPurchaseAmount));
        Add(text, "maxbalance", options.MaxBalance.ToString(CultureInfo.InvariantCulture));
        Add(text, "tolerance", Ticks(options.OutOfOrderTolerance));
        Add(text, "tiers", string.Join(",", options.Tiers.Select(t =>
            string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(t.Name)}:{t.Threshold}:{Number(t.EarnMultiplier)}"))));
        string line = text.ToString();
        string version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)).AsSpan(0, 12));
        return (version, line);
    }

    /// <summary>Reads a line written by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The line is not one <see cref="Encode"/> writes; the message names the
    /// version and the field.</exception>
    internal static LedgerOptions Decode(string version, string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] parts = text.Split(';');
        if (parts[0] != Header)
        {
            throw new InvalidDataException($"Ledger options version '{version}' starts with '{Excerpt(parts[0])}', not '{Header}'.");
        }

        foreach (string part in parts.Skip(1))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !fields.TryAdd(part[..eq], part[(eq + 1)..]))
            {
                throw new InvalidDataException($"Ledger options version '{version}' has a malformed or repeated field '{Excerpt(part)}'.");
            }
        }

        try
        {
            return new LedgerOptions
            {
                PointsPerCurrencyUnit = decimal.Parse(fields["ppu"], NumberStyles.Number, CultureInfo.InvariantCulture),
                PendingPeriod = TimeSpan.FromTicks(long.Parse(fields["pending"], CultureInfo.InvariantCulture)),
                ExpiryPeriod = TimeSpan.FromTicks(long.Parse(fields["expiry"], CultureInfo.InvariantCulture)),
                PointValue = decimal.Parse(fields["value"], NumberStyles.Number, CultureInfo.InvariantCulture),
                TierWindow = TimeSpan.FromTicks(long.Parse(fields["window"], CultureInfo.InvariantCulture)),
                TierGracePeriod = TimeSpan.FromTicks(long.Parse(fields["grace"], CultureInfo.InvariantCulture)),
                MaxPointsPerCommand = long.Parse(fields["maxcmd"], CultureInfo.InvariantCulture),
                MaxPurchaseAmount = decimal.Parse(fields["maxpurchase"], NumberStyles.Number, CultureInfo.InvariantCulture),
                MaxBalance = long.Parse(fields["maxbalance"], CultureInfo.InvariantCulture),
                OutOfOrderTolerance = TimeSpan.FromTicks(long.Parse(fields["tolerance"], CultureInfo.InvariantCulture)),
                Tiers = [.. fields["tiers"].Split(',').Select(DecodeTier)],
            };
        }
        catch (Exception ex) when (ex is KeyNotFoundException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"Ledger options version '{version}' cannot be read: {ex.Message}", ex);
        }
    }

    private static TierDefinition DecodeTier(string tier)
    {
        string[] p = tier.Split(':');
        return new TierDefinition(
            Uri.UnescapeDataString(p[0]),
            long.Parse(p[1], CultureInfo.InvariantCulture),
            decimal.Parse(p[2], NumberStyles.Number, CultureInfo.InvariantCulture));
    }

    private static void Add(StringBuilder text, string name, string value) => text.Append(';').Append(name).Append('=').Append(value);

    private static string Ticks(TimeSpan span) => span.Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>Trailing zeros removed, so 1.5 and 1.50 are the same options.</summary>
    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
