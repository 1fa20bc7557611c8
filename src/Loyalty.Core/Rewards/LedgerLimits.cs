namespace Loyalty.Core.Rewards;

/// <summary>
/// The defaults and hard ceilings of the ledger's bounds. The ceilings are chosen so that no sum the ledger forms
/// can overflow: one command moves at most 10¹² points and a lifetime at most 10¹⁸ (long holds 9.2 × 10¹⁸), a
/// purchase's points are at most 10¹² × 10⁶ × 10³ = 10²¹ before the bound check (decimal holds 7.9 × 10²⁸), and the
/// program-wide report sums at most 2³¹ accounts of 10¹⁸ points each in decimal.
/// </summary>
internal static class LedgerLimits
{
    internal const long DefaultMaxPointsPerCommand = 10_000_000;
    internal const decimal DefaultMaxPurchaseAmount = 1_000_000m;
    internal const long DefaultMaxBalance = 1_000_000_000;

    internal const long CeilingPointsPerCommand = 1_000_000_000_000;
    internal const decimal CeilingPurchaseAmount = 1_000_000_000_000m;
    internal const long CeilingBalance = 1_000_000_000_000_000;
    internal const decimal CeilingPointsPerCurrencyUnit = 1_000_000m;
    internal const decimal CeilingEarnMultiplier = 1_000m;
    internal const decimal CeilingPointValue = 1_000m;

    /// <summary>The most points one account may ever earn (pending + active + spent + expired), so its totals fit
    /// in a long with room to spare. Not an option: it exists only to make overflow impossible.</summary>
    internal const long MaxLifetimePoints = 1_000_000_000_000_000_000;
}
