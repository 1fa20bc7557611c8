using System.Globalization;

namespace Loyalty.Core;

/// <summary>A ledger command went beyond one of the ledger's bounds (points per command, purchase amount, balance,
/// lifetime points); nothing was recorded.</summary>
/// <remarks>An <see cref="ArgumentOutOfRangeException"/>, so hosts that map argument errors to "bad request" need no
/// new case. The message names the bound, its limit and the offending value (never the customer).
/// Thread safety: immutable once constructed; safe to read from any thread.</remarks>
public sealed class LedgerLimitException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="bound">The bound's name, as the option is called ("MaxPointsPerCommand", "MaxBalance", …).</param>
    /// <param name="limit">The bound's value.</param>
    /// <param name="value">The value the command would have reached.</param>
    /// <param name="paramName">The command's parameter that carried the value.</param>
    public LedgerLimitException(string bound, decimal limit, decimal value, string? paramName)
        : base(paramName, value, string.Create(CultureInfo.InvariantCulture, $"Ledger bound {bound} is {limit}; the command would reach {value}."))
    {
        Bound = bound;
        Limit = limit;
        Value = value;
    }

    /// <summary>The bound's name ("MaxPointsPerCommand", "MaxPurchaseAmount", "MaxBalance" or "MaxLifetimePoints").</summary>
    public string Bound { get; }

    /// <summary>The bound's value.</summary>
    public decimal Limit { get; }

    /// <summary>The value the command would have reached.</summary>
    public decimal Value { get; }
}

/// <summary>An event id already recorded for a different command (another customer, kind, number of points or
/// purchase amount); nothing was recorded. A retry must repeat the same command.</summary>
/// <remarks>An <see cref="ArgumentException"/> on the event id. Thread safety: immutable once constructed; safe to
/// read from any thread.</remarks>
public sealed class LedgerEventConflictException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventId">The reused event id.</param>
    public LedgerEventConflictException(string eventId)
        : base($"Event id '{eventId}' was already used for a different command; a retry must repeat the same command (customer, kind and amount).", nameof(eventId)) =>
        EventId = eventId;

    /// <summary>The reused event id.</summary>
    public string EventId { get; }
}
