namespace Loyalty.Core;

/// <summary>What happened to an offer, in the order it usually happens.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum FeedbackKind
{
    /// <summary>The offer was created for the customer.</summary>
    Issued = 0,
    /// <summary>The offer reached the customer.</summary>
    Delivered = 1,
    /// <summary>The customer claimed (opened, activated) it.</summary>
    Claimed = 2,
    /// <summary>The customer used it in a purchase.</summary>
    Redeemed = 3,
    /// <summary>The customer bought again after the offer.</summary>
    Repurchased = 4,
    /// <summary>The channel could not deliver the offer (every attempt failed).</summary>
    Failed = 5,
}

/// <summary>One feedback event. Events are idempotent by <paramref name="EventId"/>: recording the same id twice is a
/// no-op.</summary>
/// <param name="EventId">Unique id chosen by the host.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When.</param>
/// <param name="OfferId">The offer it concerns, when any.</param>
/// <param name="Value">Money involved (purchase amount for redeemed/repurchased), when any.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record FeedbackEvent(
    string EventId,
    CustomerId CustomerId,
    FeedbackKind Kind,
    DateTime Timestamp,
    string? OfferId = null,
    decimal? Value = null);

/// <summary>Receives feedback events (a store, a bandit, a metrics collector).</summary>
/// <remarks>Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface IFeedbackSink
{
    /// <summary>Records one event; recording an event id seen before does nothing.</summary>
    ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of sending an offer through a channel.</summary>
/// <param name="Delivered">True when the channel accepted the message.</param>
/// <param name="Detail">Channel-specific detail (message id, error text).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct DeliveryResult(bool Delivered, string? Detail = null);

/// <summary>The host's way of reaching customers (e-mail, push, in-app). The library never sends anything itself.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface INotificationChannel
{
    /// <summary>Sends one offer.</summary>
    Task<DeliveryResult> SendAsync(RewardOffer offer, CancellationToken cancellationToken = default);
}
