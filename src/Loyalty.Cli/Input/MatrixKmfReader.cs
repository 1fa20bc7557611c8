using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>The KMF1 format of the k-means reference data: "KMF1", int64 rows, int64 columns (little-endian), then
/// rows × columns float32 values, row-major. The shape is checked without overflow and against the file's length
/// before anything is allocated; every value must be finite.</summary>
/// <remarks>Errors: <see cref="InputFormatException"/> naming the file and byte offset. Thread safety: stateless.</remarks>
internal static class MatrixKmfReader
{
    private const int HeaderBytes = 20;

    internal static FeatureMatrix Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    internal static FeatureMatrix Read(Stream stream, string file)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        int got = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        if (got < 4 || !header[..4].SequenceEqual("KMF1"u8))
        {
            throw InputFormatException.AtByte(file, 0, $"not a KMF1 file: it must start with \"KMF1\", found {InputExcerpt.Bytes(header[..Math.Min(got, 4)])}");
        }

        if (got < HeaderBytes)
        {
            throw InputFormatException.AtByte(file, got, $"the KMF1 header is truncated: {got} of {HeaderBytes} bytes (\"KMF1\", int64 rows, int64 columns)");
        }

        long rows = BinaryPrimitives.ReadInt64LittleEndian(header[4..]);
        long columns = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        if (rows < 1)
        {
            throw InputFormatException.AtByte(file, 4, string.Create(CultureInfo.InvariantCulture, $"the header declares {rows} rows; at least 1 is needed"));
        }

        if (columns < 1)
        {
            throw InputFormatException.AtByte(file, 12, string.Create(CultureInfo.InvariantCulture, $"the header declares {columns} columns; at least 1 is needed"));
        }

        // rows × columns is compared by division, so a header whose product overflows int64 is refused, not wrapped.
        if (rows > Array.MaxLength / columns)
        {
            throw InputFormatException.AtByte(file, 4, string.Create(CultureInfo.InvariantCulture,
                $"the header declares {rows} × {columns} values, more than one matrix can hold ({Array.MaxLength})"));
        }

        long count = rows * columns;
        long expected = HeaderBytes + (count * sizeof(float));
        long actual = BinaryInput.Length(stream, file);
        if (actual != expected)
        {
            throw InputFormatException.AtByte(file, Math.Min(actual, expected), string.Create(CultureInfo.InvariantCulture,
                $"the file has {actual} bytes; a {rows} × {columns} KMF1 file has {expected} ({(actual < expected ? "truncated" : "trailing bytes")})"));
        }

        var values = new float[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("KMF1 reading needs a little-endian machine.");
        }

        BinaryInput.EnsureFinite(values, columns, HeaderBytes, sizeof(float), file);
        return new FeatureMatrix(values, (int)rows, (int)columns);
    }
}
