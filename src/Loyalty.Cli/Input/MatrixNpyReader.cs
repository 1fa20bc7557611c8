using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>NumPy .npy files, format versions 1 to 3: a 1-D or 2-D C-order array of little-endian float32 ('&lt;f4')
/// or float64 ('&lt;f8', narrowed to float32).</summary>
internal static partial class MatrixNpyReader
{
    internal static FeatureMatrix Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || !bytes.AsSpan(1, 5).SequenceEqual("NUMPY"u8))
        {
            throw new InvalidDataException($"'{path}' is not a .npy file (bad magic).");
        }

        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            headerStart = 10;
        }
        else if (major is 2 or 3 && bytes.Length >= 12)
        {
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
            headerStart = 12;
        }
        else
        {
            throw new InvalidDataException($"'{path}': .npy format version {major} is not supported.");
        }

        if (headerStart + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"'{path}': the .npy header is truncated.");
        }

        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        string descr = Field(DescrPattern(), header, path, "descr");
        if (Field(FortranPattern(), header, path, "fortran_order") != "False")
        {
            throw new InvalidDataException($"'{path}': Fortran-order arrays are not supported; save with C order.");
        }

        (int rows, int columns) = Shape(Field(ShapePattern(), header, path, "shape"), path);
        int elementSize = descr switch
        {
            "<f4" => 4,
            "<f8" => 8,
            _ => throw new InvalidDataException($"'{path}': dtype '{descr}' is not supported; use '<f4' or '<f8'."),
        };
        int dataStart = headerStart + headerLength;
        long expected = (long)rows * columns * elementSize;
        if (bytes.Length - dataStart != expected)
        {
            throw new InvalidDataException($"'{path}' has {bytes.Length - dataStart} data bytes; shape ({rows}, {columns}) of {descr} needs {expected}.");
        }

        var values = new float[rows * columns];
        if (elementSize == 4)
        {
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan(dataStart)).CopyTo(values);
        }
        else
        {
            ReadOnlySpan<double> doubles = MemoryMarshal.Cast<byte, double>(bytes.AsSpan(dataStart));
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)doubles[i];
            }
        }

        return new FeatureMatrix(values, rows, columns);
    }

    private static string Field(Regex pattern, string header, string path, string name)
    {
        Match match = pattern.Match(header);
        return match.Success
            ? match.Groups[1].Value
            : throw new InvalidDataException($"'{path}': the .npy header has no readable '{name}'.");
    }

    private static (int Rows, int Columns) Shape(string shape, string path)
    {
        string[] parts = shape.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rows)
            || (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new InvalidDataException($"'{path}': shape ({shape}) is not a 1-D or 2-D array shape.");
        }

        int columns = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        if (columns < 1 || (long)rows * columns > Array.MaxLength)
        {
            throw new InvalidDataException($"'{path}': shape ({shape}) is not supported.");
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
