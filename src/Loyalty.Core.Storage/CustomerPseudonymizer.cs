using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Core.Storage;

/// <summary>
/// Turns customer ids into keyed pseudonyms: <c>ps_</c> followed by the first 128 bits of HMAC-SHA256(key, UTF-8 id)
/// in base64url. The key is supplied by the host and never stored; without it nobody can link a pseudonym back to
/// a customer or compute the pseudonym of a known id. Every id is keyed, whatever it looks like: an id shaped like a
/// pseudonym (<c>ps_</c> and 22 characters) is keyed like any other, so someone who learns a customer's pseudonym
/// cannot pass it as an input id and act as that customer.
/// </summary>
/// <remarks>Truncating an HMAC to half its length is allowed by RFC 2104 §5; 128 bits keep collisions out of reach
/// (about 10⁻²⁰ for a billion customers) while halving index size.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed class CustomerPseudonymizer
{
    /// <summary>Smallest accepted key: 256 bits, the HMAC-SHA256 output size (RFC 2104 §3).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Largest accepted key: the SHA-256 block size; longer keys would be hashed first, adding nothing.</summary>
    public const int MaximumKeyBytes = 64;

    private const string Prefix = "ps_";
    private const int PseudonymChars = 22; // base64url of 16 bytes, unpadded
    private static readonly byte[] CheckMessage = Encoding.ASCII.GetBytes("Loyalty.Core key check v1");

    private readonly byte[]? _key;

    private CustomerPseudonymizer(byte[]? key) => _key = key;

    /// <summary>Keeps customer ids in clear (for stores whose ids are already pseudonymous or not personal).</summary>
    public static CustomerPseudonymizer None { get; } = new(null);

    /// <summary>True when ids are pseudonymised.</summary>
    public bool IsKeyed => _key is not null;

    /// <summary>Pseudonymises with a secret key of 32 to 64 bytes.</summary>
    /// <exception cref="ArgumentException">The key is shorter than 32 or longer than 64 bytes.</exception>
    public static CustomerPseudonymizer WithKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is < MinimumKeyBytes or > MaximumKeyBytes)
        {
            throw new ArgumentException(
                $"The HMAC-SHA256 key must be {MinimumKeyBytes} to {MaximumKeyBytes} bytes long; got {key.Length}.", nameof(key));
        }

        return new CustomerPseudonymizer(key.ToArray());
    }

    /// <summary>Reads a key given as base64 or hexadecimal text (e.g. from an environment variable).</summary>
    /// <exception cref="ArgumentException">The text is neither base64 nor hex, or the key has the wrong length.</exception>
    public static CustomerPseudonymizer FromKeyText(string keyText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyText);
        string text = keyText.Trim();
        byte[] key;
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit))
        {
            key = Convert.FromHexString(text);
        }
        else
        {
            try
            {
                key = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new ArgumentException("The pseudonymisation key must be base64 or hexadecimal text.", nameof(keyText));
            }
        }

        return WithKey(key);
    }

    /// <summary>The id a store keeps for <paramref name="customerId"/>: its pseudonym when keyed, the id itself
    /// otherwise. Not idempotent when keyed: a pseudonym passed again is keyed again (pseudonyms are never accepted as
    /// input ids).</summary>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value (no id).</exception>
    public CustomerId Pseudonymize(CustomerId customerId)
    {
        string id = customerId.Value ?? throw new ArgumentException("A customer id is required.", nameof(customerId));
        return _key is null ? customerId : new CustomerId(Compute(id));
    }

    /// <summary>The stored form of an id, as a string (allocation-light path for bulk ingest).</summary>
    internal string PseudonymizeValue(string id) => _key is null ? id : Compute(id);

    /// <summary>The keyed name of an erased customer in the store's tombstones: an HMAC of the stored id under the
    /// pseudonymisation key, or under the store's own random salt when ids are kept in clear, so a tombstone never
    /// holds the raw id nor the pseudonym that reports and logs may show.</summary>
    internal string Tombstone(string storedId, ReadOnlySpan<byte> storeSalt)
    {
        byte[] message = Encoding.UTF8.GetBytes("Loyalty.Core erased v1\0" + storedId);
        Span<byte> mac = stackalloc byte[32];
        _ = _key is null ? HMACSHA256.HashData(storeSalt, message, mac) : HMACSHA256.HashData(_key, message, mac);
        return Convert.ToHexString(mac[..16]);
    }

    /// <summary>A value that identifies the key without revealing it (an HMAC of a fixed message); stores keep it to
    /// refuse a different key, which would silently split every customer in two.</summary>
    public string KeyCheck => _key is null ? "none" : Convert.ToHexString(HMACSHA256.HashData(_key, CheckMessage).AsSpan(0, 8));

    /// <summary>True when <paramref name="id"/> has the shape of a pseudonym. Shape only: a store never trusts it,
    /// and keys such an id like any other.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public static bool IsPseudonym(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length == Prefix.Length + PseudonymChars
            && id.StartsWith(Prefix, StringComparison.Ordinal)
            && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlChars) < 0;
    }

    private static readonly System.Buffers.SearchValues<char> Base64UrlChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private string Compute(string id)
    {
        Span<byte> utf8 = id.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(id.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        int length = Encoding.UTF8.GetBytes(id, utf8);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, utf8[..length], mac);
        Span<char> text = stackalloc char[Prefix.Length + PseudonymChars];
        Prefix.CopyTo(text);
        Base64Url.EncodeToChars(mac[..16], text[Prefix.Length..]);
        return new string(text);
    }
}
