namespace Loyalty.Core.Feedback;

/// <summary>Offer funnel rates computed from a feedback log.</summary>
/// <param name="Issued">Offers issued.</param>
/// <param name="DeliveryRate">Share of issued offers with a delivered event.</param>
/// <param name="ClaimRate">Share of issued offers with a claimed event.</param>
/// <param name="RedemptionRate">Share of issued offers with a redeemed event.</param>
/// <remarks>Rates are 0 when no offer was issued (never NaN).
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record OfferFunnel(int Issued, double DeliveryRate, double ClaimRate, double RedemptionRate);

/// <summary>Retention of customers over one period: (end − new) / start.</summary>
/// <param name="AtStart">Customers who had purchased before the period started.</param>
/// <param name="New">Customers whose first purchase fell in the period.</param>
/// <param name="AtEnd">Customers who purchased in the period (new or returning).</param>
/// <param name="Retention">(AtEnd − New) / AtStart; null when no customer existed at the start.</param>
/// <param name="Churn">1 − Retention; null when Retention is.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RetentionResult(int AtStart, int New, int AtEnd, double? Retention, double? Churn);

/// <summary>Retention and funnel metrics over feedback events.</summary>
/// <remarks>Purchases are <see cref="FeedbackKind.Redeemed"/> and <see cref="FeedbackKind.Repurchased"/> events:
/// both mean the customer bought something.
/// Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class FeedbackMetrics
{
    /// <summary>The offer funnel: delivery, claim and redemption rates per issued offer.</summary>
    /// <param name="events">Events (typically <see cref="FeedbackLog.Events"/>).</param>
    public static OfferFunnel Funnel(IEnumerable<FeedbackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var issued = new HashSet<string>(StringComparer.Ordinal);
        var reached = new Dictionary<FeedbackKind, HashSet<string>>
        {
            [FeedbackKind.Delivered] = new(StringComparer.Ordinal),
            [FeedbackKind.Claimed] = new(StringComparer.Ordinal),
            [FeedbackKind.Redeemed] = new(StringComparer.Ordinal),
        };
        var list = events.Where(e => e.OfferId is not null).ToList();
        foreach (var e in list.Where(e => e.Kind == FeedbackKind.Issued))
        {
            issued.Add(e.OfferId!);
        }

        foreach (var e in list)
        {
            if (reached.TryGetValue(e.Kind, out var set) && issued.Contains(e.OfferId!))
            {
                set.Add(e.OfferId!);
            }
        }

        double Rate(FeedbackKind kind) => issued.Count == 0 ? 0.0 : (double)reached[kind].Count / issued.Count;
        return new OfferFunnel(issued.Count, Rate(FeedbackKind.Delivered), Rate(FeedbackKind.Claimed), Rate(FeedbackKind.Redeemed));
    }

    /// <summary>Repeat-purchase rate: customers with two or more purchases over customers with at least one;
    /// 0 when nobody purchased.</summary>
    /// <param name="events">Events.</param>
    public static double RepeatPurchaseRate(IEnumerable<FeedbackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var counts = Purchases(events).GroupBy(e => e.CustomerId).Select(g => g.Count()).ToList();
        return counts.Count == 0 ? 0.0 : (double)counts.Count(c => c >= 2) / counts.Count;
    }

    /// <summary>Retention over the period [<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="events">Events.</param>
    /// <param name="start">First instant of the period.</param>
    /// <param name="end">First instant after the period.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public static RetentionResult Retention(IEnumerable<FeedbackEvent> events, DateTime start, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (end <= start)
        {
            throw new ArgumentException($"Period end {end:O} must be after its start {start:O}.", nameof(end));
        }

        var firstPurchase = new Dictionary<CustomerId, DateTime>();
        var activeInPeriod = new HashSet<CustomerId>();
        foreach (var e in Purchases(events))
        {
            if (!firstPurchase.TryGetValue(e.CustomerId, out var first) || e.Timestamp < first)
            {
                firstPurchase[e.CustomerId] = e.Timestamp;
            }

            if (e.Timestamp >= start && e.Timestamp < end)
            {
                activeInPeriod.Add(e.CustomerId);
            }
        }

        int atStart = firstPurchase.Values.Count(t => t < start);
        int fresh = firstPurchase.Values.Count(t => t >= start && t < end);
        int atEnd = activeInPeriod.Count;
        double? retention = atStart == 0 ? null : (double)(atEnd - fresh) / atStart;
        return new RetentionResult(atStart, fresh, atEnd, retention, 1.0 - retention);
    }

    internal static IEnumerable<FeedbackEvent> Purchases(IEnumerable<FeedbackEvent> events) =>
        events.Where(e => e.Kind is FeedbackKind.Redeemed or FeedbackKind.Repurchased);
}
