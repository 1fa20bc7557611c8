namespace Loyalty.Core.Rewards;

/// <summary>Program-wide figures, in decimal so that sums over any number of accounts cannot overflow.</summary>
/// <param name="Issued">Points ever earned.</param>
/// <param name="Spent">Points redeemed.</param>
/// <param name="Expired">Points expired.</param>
/// <param name="Outstanding">Pending + active points.</param>
/// <param name="Liability">Outstanding points × point value, in money.</param>
/// <param name="Breakage">Expired / (spent + expired): the share of settled points that were never used; 0 when
/// nothing has settled.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LedgerReport(decimal Issued, decimal Spent, decimal Expired, decimal Outstanding, decimal Liability, double Breakage);
