using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.Auth;

/// <summary>Finds the configured key a presented key matches, by its SHA-256 hash compared in constant time.</summary>
/// <remarks>Keys are long random strings, so one SHA-256 is enough (a slow password hash is for guessable secrets).
/// Every configured key is compared, whatever matches, so the time taken says nothing about which key is close.</remarks>
internal sealed class ApiKeyVerifier(IOptions<ApiKeyOptions> options)
{
    // Longer input is never a valid key; refusing it early bounds the hashing work per request.
    private const int MaxKeyLength = 256;

    private readonly (ApiKeyEntry Entry, byte[] Hash)[] _keys =
        options.Value.Keys.Select(k => (k, Convert.FromHexString(k.Sha256))).ToArray();

    public ApiKeyEntry? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxKeyLength)
        {
            return null;
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyEntry? match = null;
        foreach (var (entry, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = entry;
            }
        }

        return match;
    }
}
