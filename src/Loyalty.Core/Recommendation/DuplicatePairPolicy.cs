namespace Loyalty.Core.Recommendation;

/// <summary>What to do when the same (user, item) pair occurs more than once in the input.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum DuplicatePairPolicy
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming both rows. The default for explicit ratings, where a
    /// repeated pair is usually a data error.</summary>
    Reject = 0,

    /// <summary>Keep the value of the last occurrence (a re-rating replaces the earlier one).</summary>
    KeepLast = 1,

    /// <summary>Add the values. The default for implicit feedback, where each purchase or click adds strength.</summary>
    Sum = 2,
}
