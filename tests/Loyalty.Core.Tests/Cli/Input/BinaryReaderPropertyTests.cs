using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

/// <summary>The binary matrix readers are total: on 10,000 seeded inputs each — huge and overflowing declared sizes,
/// absurd header lengths, truncation, trailing bytes, NaN and infinite values, unsupported dtypes and versions — a
/// matrix of finite values or an <see cref="InputFormatException"/> naming the file and byte offset; never an
/// <see cref="OutOfMemoryException"/>, <see cref="OverflowException"/> or any other exception.</summary>
public sealed class BinaryReaderPropertyTests
{
    private const string File = "gen.bin";

    private static readonly long[] Sizes = [-1, 0, 1, 2, 3, 5, 1L << 31, 1L << 32, int.MaxValue, Array.MaxLength, 3_037_000_500, 1L << 62, long.MaxValue, long.MinValue];

    private static readonly float[] Floats = [0f, 1.5f, -2f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.Epsilon, -0f];

    private static readonly double[] Doubles = [0, 1.5, -2, double.NaN, double.PositiveInfinity, 1e300, -1e39, 3.4e38, double.Epsilon];

    [Fact]
    public void Kmf_AnyHeaderAndBody_ResultOrLocatedFormatError()
    {
        var gen =
            from magic in Gen.Frequency((9, Gen.Constant("KMF1")), (1, Gen.Elements("KMF2", "kmf1", "KM", string.Empty)))
            from rows in Gen.Frequency((3, Gen.Choose(1, 4).Select(i => (long)i)), (2, Gen.Elements(Sizes)))
            from columns in Gen.Frequency((3, Gen.Choose(1, 4).Select(i => (long)i)), (2, Gen.Elements(Sizes)))
            from body in Gen.Elements(Floats).ArrayOf()
            from layout in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
            from cut in Gen.Choose(0, 40)
            select Kmf(magic, rows, columns, body, layout, cut);
        var contract = new ReaderContract(File);
        Check.One(NastyInputs.Config(20), Prop.ForAll(gen.ToArbitrary(), bytes => contract.Holds(() => AssertFinite(MatrixKmfReader.Read(new MemoryStream(bytes), File)))));
        TextReaderPropertyTests.AssertBothOutcomes(contract);
    }

    [Fact]
    public void Npy_AnyHeaderAndBody_ResultOrLocatedFormatError()
    {
        (string Text, long Count)[] shapes =
        [
            ("(2, 3)", 6), ("(3,)", 3), ("(1, 1)", 1), ("(4, 1)", 4), ("()", 1), ("(0, 2)", 0), ("(2, 0)", 0), ("(-1, 2)", 2),
            ("(4294967296, 1)", 4294967296), ("(1000000000, 1000)", 1_000_000_000_000), ("(2, 3, 4)", 24),
            ("(99999999999999999999,)", 1), ("(3037000500, 3037000500)", 1), ("(a, b)", 1), ("(536870912,)", 536870912),
        ];
        var gen =
            from version in Gen.Frequency((8, Gen.Elements<byte>(1, 2, 3)), (1, Gen.Elements<byte>(0, 4, 255)))
            from descr in Gen.Frequency((8, Gen.Elements("<f4", "<f8")), (1, Gen.Elements(">f4", "|u1", "<i4", "<f2", "'")))
            from fortran in Gen.Frequency((8, Gen.Constant("False")), (1, Gen.Elements("True", "0", string.Empty)))
            from shape in Gen.Elements(shapes)
            from lengthField in Gen.Frequency((8, Gen.Constant(-1L)), (1, Gen.Elements(0L, 0xFFFFL, 0xFFFF_FFFFL, 10_001L, 1L << 31, 65_536L)), (1, Gen.Choose(-3, 3).Select(d => (long)d - 100)))
            from floats in Gen.Elements(Floats).ArrayOf()
            from doubles in Gen.Elements(Doubles).ArrayOf()
            from layout in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
            from cut in Gen.Choose(0, 200)
            select Npy(version, descr, fortran, shape, lengthField, floats, doubles, layout, cut);
        var contract = new ReaderContract(File);
        Check.One(NastyInputs.Config(21), Prop.ForAll(gen.ToArbitrary(), bytes => contract.Holds(() => AssertFinite(MatrixNpyReader.Read(new MemoryStream(bytes), File)))));
        TextReaderPropertyTests.AssertBothOutcomes(contract);
    }

    private static void AssertFinite(FeatureMatrix matrix)
    {
        Assert.True(matrix.Rows >= 1 && matrix.Columns >= 1);
        for (int i = 0; i < matrix.Rows; i++)
        {
            foreach (float v in matrix.Row(i))
            {
                Assert.True(float.IsFinite(v));
            }
        }
    }

    /// <summary>Layout 0: exactly the declared values when that is small; 1: one value short; 2: one extra; 3: the
    /// generated body as is; then, with layout 3, cut at <paramref name="cut"/> bytes.</summary>
    private static byte[] Kmf(string magic, long rows, long columns, float[] body, int layout, int cut)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(magic));
        Span<byte> shape = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(shape, rows);
        BinaryPrimitives.WriteInt64LittleEndian(shape[8..], columns);
        bytes.AddRange(shape.ToArray());
        long declared = rows > 0 && columns > 0 && rows <= 64 / columns ? rows * columns : -1;
        long count = layout switch
        {
            0 when declared >= 0 => declared,
            1 when declared >= 1 => declared - 1,
            2 when declared >= 0 => declared + 1,
            _ => body.Length,
        };
        for (long i = 0; i < count; i++)
        {
            bytes.AddRange(BitConverter.GetBytes(body.Length == 0 ? 1f : body[i % body.Length]));
        }

        return layout == 3 && cut < bytes.Count ? [.. bytes.Take(cut)] : [.. bytes];
    }

    private static byte[] Npy(byte version, string descr, string fortran, (string Text, long Count) shape, long lengthField, float[] floats, double[] doubles, int layout, int cut)
    {
        string dict = $"{{'descr': '{descr}', " + (fortran.Length > 0 ? $"'fortran_order': {fortran}, " : string.Empty) + $"'shape': {shape.Text}, }}";
        int prefix = version == 1 ? 10 : 12;
        string header = dict.PadRight(((prefix + dict.Length + 1 + 63) / 64 * 64) - prefix - 1) + "\n";
        long length = lengthField == -1 ? header.Length : lengthField < 0 ? header.Length + lengthField + 100 : lengthField;
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add(version);
        bytes.Add(0);
        if (version == 1)
        {
            bytes.AddRange(BitConverter.GetBytes((ushort)length));
        }
        else
        {
            bytes.AddRange(BitConverter.GetBytes((uint)length));
        }

        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bool wide = descr == "<f8";
        long count = layout switch
        {
            0 when shape.Count <= 64 => shape.Count,
            1 when shape.Count is >= 1 and <= 64 => shape.Count - 1,
            2 when shape.Count <= 64 => shape.Count + 1,
            _ => wide ? doubles.Length : floats.Length,
        };
        for (long i = 0; i < count; i++)
        {
            bytes.AddRange(wide
                ? BitConverter.GetBytes(doubles.Length == 0 ? 1.0 : doubles[i % doubles.Length])
                : BitConverter.GetBytes(floats.Length == 0 ? 1f : floats[i % floats.Length]));
        }

        return layout == 3 && cut < bytes.Count ? [.. bytes.Take(cut)] : [.. bytes];
    }
}
