using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>The KMF1 format of the k-means reference data: "KMF1", int64 rows, int64 columns (little-endian), then
/// rows × columns float32 values, row-major.</summary>
internal static class MatrixKmfReader
{
    private const int HeaderBytes = 20;

    internal static FeatureMatrix Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes || !header[..4].SequenceEqual("KMF1"u8))
        {
            throw new InvalidDataException($"'{path}' is not a KMF1 file (it must start with \"KMF1\" and a 16-byte shape).");
        }

        long rows = BinaryPrimitives.ReadInt64LittleEndian(header[4..]);
        long columns = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        if (rows < 0 || columns < 1 || rows * columns > Array.MaxLength)
        {
            throw new InvalidDataException($"'{path}' declares an unsupported shape {rows} × {columns}.");
        }

        long expected = HeaderBytes + (rows * columns * sizeof(float));
        if (stream.Length != expected)
        {
            throw new InvalidDataException(
                $"'{path}' has {stream.Length} bytes; a {rows} × {columns} KMF1 file has {expected}.");
        }

        var values = new float[rows * columns];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("KMF1 reading needs a little-endian machine.");
        }

        return new FeatureMatrix(values, (int)rows, (int)columns);
    }
}
