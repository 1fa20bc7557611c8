using System.Text;
using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

public sealed class MatrixBinaryReaderTests
{
    [Fact]
    public void Kmf_RowsTimesColumnsOverflows_Refused()
    {
        // 2^33 × 2^31 wraps to 2^64 = 0 in int64: the old check accepted it.
        var error = Assert.Throws<InputFormatException>(() => Kmf(1L << 33, 1L << 31, 0));
        Assert.Equal(4, error.ByteOffset);
        Assert.Contains("8589934592 × 2147483648 values, more than one matrix can hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kmf_DeclaresMoreThanTheFileHolds_RefusedBeforeAllocating()
    {
        var error = Assert.Throws<InputFormatException>(() => Kmf(100_000_000, 4, 3));
        Assert.Contains("a 100000000 × 4 KMF1 file has 1600000020 (truncated)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kmf_NaNValue_NamesRowColumnAndOffset()
    {
        var error = Assert.Throws<InputFormatException>(() => MatrixKmfReader.Read(new MemoryStream(KmfBytes(1, 2, [1f, float.NaN])), "m.kmf"));
        Assert.Equal("m.kmf, byte 24: row 1, column 2 (1-based) is NaN; values must be finite", error.Message);
    }

    [Fact]
    public void Npy_FourGigabyteHeaderLength_RefusedWithName()
    {
        byte[] bytes = [0x93, .. "NUMPY"u8, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, .. "{'descr': '<f4'}"u8];
        var error = Assert.Throws<InputFormatException>(() => MatrixNpyReader.Read(new MemoryStream(bytes), "m.npy"));
        Assert.Equal("m.npy, byte 8: the .npy header claims 4294967295 bytes; at most 65535 are accepted", error.Message);
    }

    [Fact]
    public void Npy_ShapeOfFourGigabytes_RefusedBeforeAllocating()
    {
        var error = Assert.Throws<InputFormatException>(() => MatrixNpyReader.Read(new MemoryStream(Npy("<f4", "(1073741824,)", 8)), "m.npy"));
        Assert.Contains("shape (1073741824, 1) of <f4 needs 4294967296 (truncated)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npy_Float64BeyondFloat32_RefusedNotInfinity()
    {
        byte[] bytes = [.. Npy("<f8", "(2,)", 0), .. BitConverter.GetBytes(1.0), .. BitConverter.GetBytes(1e300)];
        var error = Assert.Throws<InputFormatException>(() => MatrixNpyReader.Read(new MemoryStream(bytes), "m.npy"));
        Assert.Contains("row 2, column 1 (1-based) is 1E+300", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npy_ValidFloat64_NarrowedToFloat32()
    {
        byte[] bytes = [.. Npy("<f8", "(1, 2)", 0), .. BitConverter.GetBytes(0.5), .. BitConverter.GetBytes(-2.25)];
        FeatureMatrix matrix = MatrixNpyReader.Read(new MemoryStream(bytes), "m.npy");
        Assert.Equal([0.5f, -2.25f], matrix.Row(0).ToArray());
    }

    private static FeatureMatrix Kmf(long rows, long columns, int values) =>
        MatrixKmfReader.Read(new MemoryStream(KmfBytes(rows, columns, new float[values])), "m.kmf");

    private static byte[] KmfBytes(long rows, long columns, float[] values) =>
        [.. "KMF1"u8, .. BitConverter.GetBytes(rows), .. BitConverter.GetBytes(columns), .. values.SelectMany(BitConverter.GetBytes)];

    private static byte[] Npy(string descr, string shape, int dataBytes)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        string header = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, .. BitConverter.GetBytes((ushort)header.Length), .. Encoding.Latin1.GetBytes(header), .. new byte[dataBytes]];
    }
}
