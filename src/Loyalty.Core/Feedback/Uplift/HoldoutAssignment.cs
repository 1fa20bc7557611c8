using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Core.Feedback.Uplift;

/// <summary>
/// Random holdout (control group) assignment that is stable per customer: a customer's bucket is a hash of the
/// experiment name, the seed and the customer id, so the same customer always lands in the same group of the same
/// experiment — across processes, machines and restarts — while different experiments are independent.
/// </summary>
/// <remarks>The bucket is the first 64 bits of SHA-256 over "experiment \0 seed \0 id" (UTF-8) scaled to [0, 1);
/// SHA-256 rather than <see cref="string.GetHashCode()"/>, which is randomised per process.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed class HoldoutAssignment
{
    private readonly byte[] _prefix;

    /// <summary>Creates an assignment.</summary>
    /// <param name="experiment">Experiment name; not blank.</param>
    /// <param name="holdoutFraction">Share of customers held out, in [0, 1].</param>
    /// <param name="seed">Salt; change it to reshuffle an experiment.</param>
    /// <exception cref="ArgumentException">The name is blank or the fraction is outside [0, 1] (both reported at once).</exception>
    public HoldoutAssignment(string experiment, double holdoutFraction, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        if (!(holdoutFraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "Must be in [0, 1].");
        }

        Experiment = experiment;
        HoldoutFraction = holdoutFraction;
        Seed = seed;
        _prefix = Encoding.UTF8.GetBytes(experiment + "\0" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0");
    }

    /// <summary>The experiment name.</summary>
    public string Experiment { get; }

    /// <summary>Share held out.</summary>
    public double HoldoutFraction { get; }

    /// <summary>The salt.</summary>
    public int Seed { get; }

    /// <summary>The customer's stable bucket in [0, 1).</summary>
    public double Bucket(CustomerId customer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customer.Value, nameof(customer));
        int length = _prefix.Length + Encoding.UTF8.GetByteCount(customer.Value);
        byte[] input = new byte[length];
        _prefix.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(customer.Value, input.AsSpan(_prefix.Length));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>True when the customer is in the holdout (control) group: bucket &lt; fraction.</summary>
    public bool IsHoldout(CustomerId customer) => Bucket(customer) < HoldoutFraction;
}
