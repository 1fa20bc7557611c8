using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>NumPy .npy files, format versions 1 to 3: a 1-D or 2-D C-order array of little-endian float32 ('&lt;f4')
/// or float64 ('&lt;f8', narrowed to float32; a value beyond float32's range is an error, not an infinity). The header
/// length (at most <see cref="MaxHeaderBytes"/>) and the shape are checked without overflow and against the file's
/// length before anything is allocated; every value must be finite.</summary>
/// <remarks>Errors: <see cref="InputFormatException"/> naming the file and byte offset. Thread safety: stateless.</remarks>
internal static partial class MatrixNpyReader
{
    /// <summary>The longest header accepted (numpy itself writes a few hundred bytes and refuses more than 10,000 by default).</summary>
    internal const int MaxHeaderBytes = 65_535;

    internal static FeatureMatrix Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    internal static FeatureMatrix Read(Stream stream, string file)
    {
        long length = BinaryInput.Length(stream, file);
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix, 12, throwOnEndOfStream: false);
        if (got < 6 || prefix[0] != 0x93 || !prefix[1..6].SequenceEqual("NUMPY"u8))
        {
            throw InputFormatException.AtByte(file, 0, $"not a .npy file: it must start with \\x93NUMPY, found {InputExcerpt.Bytes(prefix[..Math.Min(got, 6)])}");
        }

        if (got < 10)
        {
            throw InputFormatException.AtByte(file, got, "the .npy preamble is truncated");
        }

        int major = prefix[6];
        long headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (got < 12)
            {
                throw InputFormatException.AtByte(file, got, "the .npy preamble is truncated");
            }

            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
            headerStart = 12;
        }
        else
        {
            throw InputFormatException.AtByte(file, 6, string.Create(CultureInfo.InvariantCulture, $".npy format version {major} is not supported (1, 2 or 3)"));
        }

        if (headerLength > MaxHeaderBytes)
        {
            throw InputFormatException.AtByte(file, 8, string.Create(CultureInfo.InvariantCulture, $"the .npy header claims {headerLength} bytes; at most {MaxHeaderBytes} are accepted"));
        }

        if (headerStart + headerLength > length)
        {
            throw InputFormatException.AtByte(file, length, string.Create(CultureInfo.InvariantCulture, $"the .npy header is truncated: it claims {headerLength} bytes, the file ends after {length - headerStart}"));
        }

        var headerBytes = new byte[headerLength];
        stream.Position = headerStart;
        stream.ReadExactly(headerBytes);
        string header = Encoding.Latin1.GetString(headerBytes);
        string descr = Field(DescrPattern(), header, file, headerStart, "descr");
        if (Field(FortranPattern(), header, file, headerStart, "fortran_order") != "False")
        {
            throw InputFormatException.AtByte(file, headerStart, "Fortran-order arrays are not supported; save with C order");
        }

        int elementSize = descr switch
        {
            "<f4" => 4,
            "<f8" => 8,
            _ => throw InputFormatException.AtByte(file, headerStart, $"dtype {InputExcerpt.Quote(descr)} is not supported; use '<f4' or '<f8'"),
        };
        (long rows, long columns) = Shape(Field(ShapePattern(), header, file, headerStart, "shape"), file, headerStart);
        long dataStart = headerStart + headerLength;
        long expected = rows * columns * elementSize;
        if (length - dataStart != expected)
        {
            throw InputFormatException.AtByte(file, Math.Min(length, dataStart + expected), string.Create(CultureInfo.InvariantCulture,
                $"{length - dataStart} data bytes, but shape ({rows}, {columns}) of {descr} needs {expected} ({(length - dataStart < expected ? "truncated" : "trailing bytes")})"));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(".npy reading needs a little-endian machine.");
        }

        var values = new float[rows * columns];
        if (elementSize == 4)
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            BinaryInput.EnsureFinite(values, columns, dataStart, elementSize, file);
        }
        else
        {
            ReadNarrowed(stream, values, columns, dataStart, file);
        }

        return new FeatureMatrix(values, (int)rows, (int)columns);
    }

    /// <summary>Reads float64 values in blocks and narrows them, refusing non-finite values and values beyond float32.</summary>
    private static void ReadNarrowed(Stream stream, float[] values, long columns, long dataStart, string file)
    {
        var block = new double[8192];
        for (int done = 0; done < values.Length;)
        {
            int n = Math.Min(block.Length, values.Length - done);
            stream.ReadExactly(MemoryMarshal.AsBytes(block.AsSpan(0, n)));
            for (int i = 0; i < n; i++)
            {
                float narrowed = (float)block[i];
                if (!float.IsFinite(narrowed))
                {
                    long at = done + i;
                    throw InputFormatException.AtByte(file, dataStart + (at * 8), string.Create(CultureInfo.InvariantCulture,
                        $"row {(at / columns) + 1}, column {(at % columns) + 1} (1-based) is {block[i]:R}; values must be finite and within float32's ±3.4e38"));
                }

                values[done + i] = narrowed;
            }

            done += n;
        }
    }

    private static string Field(Regex pattern, string header, string file, long headerStart, string name)
    {
        Match match = pattern.Match(header);
        return match.Success
            ? match.Groups[1].Value
            : throw InputFormatException.AtByte(file, headerStart, $"the .npy header has no readable '{name}': {InputExcerpt.Quote(header)}");
    }

    private static (long Rows, long Columns) Shape(string shape, string file, long headerStart)
    {
        string[] parts = shape.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new long[parts.Length];
        bool parsed = parts.Length is 1 or 2;
        for (int i = 0; parsed && i < parts.Length; i++)
        {
            parsed = long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]);
        }

        if (!parsed)
        {
            throw InputFormatException.AtByte(file, headerStart, $"shape ({InputExcerpt.Quote(shape)}) is not a 1-D or 2-D array shape of sizes up to {long.MaxValue}");
        }

        long rows = dims[0];
        long columns = parts.Length == 2 ? dims[1] : 1;
        if (rows < 1 || columns < 1)
        {
            throw InputFormatException.AtByte(file, headerStart, string.Create(CultureInfo.InvariantCulture, $"shape ({rows}, {columns}) has no values; at least one row and one column are needed"));
        }

        // Compared by division: a shape whose product overflows is refused, not wrapped.
        if (rows > Array.MaxLength / columns)
        {
            throw InputFormatException.AtByte(file, headerStart, string.Create(CultureInfo.InvariantCulture,
                $"shape ({rows}, {columns}) has more values than one matrix can hold ({Array.MaxLength})"));
        }

        return (rows, columns);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
