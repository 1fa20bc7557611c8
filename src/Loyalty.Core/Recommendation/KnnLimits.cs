using System.Globalization;

namespace Loyalty.Core.Recommendation;

/// <summary>The size limits of the dense kNN similarity matrix, checked before anything O(n²) is allocated.</summary>
internal static class KnnLimits
{
    /// <summary>Default <see cref="KnnOptions.MaxMemoryBytes"/>: 4 GiB.</summary>
    internal const long DefaultMaxMemoryBytes = 4L << 30;

    /// <summary>Bytes per row pair while fitting: one int count, five float sums and the float similarity.</summary>
    internal const long BytesPerPair = 7 * sizeof(float);

    /// <summary>The most rows whose n² cells fit in one array (n² ≤ <see cref="Array.MaxLength"/>).</summary>
    internal static int MaxRows => (int)Math.Sqrt(Array.MaxLength);

    /// <summary>The most rows whose fit stays within <paramref name="maxBytes"/> (and within one array).</summary>
    internal static int MaxRowsFor(long maxBytes) => (int)Math.Min(MaxRows, Math.Floor(Math.Sqrt(maxBytes / (double)BytesPerPair)));

    /// <summary>Throws unless <paramref name="rows"/> rows fit.</summary>
    /// <exception cref="ArgumentException">Too many rows; the message names the count and the limit.</exception>
    internal static void EnsureFits(int rows, string what, long maxBytes, string parameterName)
    {
        if (rows > MaxRows)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"knn over {rows:N0} {what} needs a {rows:N0} × {rows:N0} similarity matrix ({(long)rows * rows:N0} cells), more than one array holds ({Array.MaxLength:N0}); at most {MaxRows:N0} {what} are possible."),
                parameterName);
        }

        long needed = (long)rows * rows * BytesPerPair;
        if (needed > maxBytes)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"knn over {rows:N0} {what} needs {Gib(needed)} while fitting ({BytesPerPair} bytes per pair), above MaxMemoryBytes ({Gib(maxBytes)}, at most {MaxRowsFor(maxBytes):N0} {what}); raise KnnOptions.MaxMemoryBytes (--knn-max-memory in the CLI) or use fewer {what}."),
                parameterName);
        }
    }

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB");
}
