using System.Globalization;

namespace Loyalty.Cli.Input;

/// <summary>Checks the binary matrix readers share.</summary>
internal static class BinaryInput
{
    /// <summary>The stream's length in bytes, which every declared size is checked against before allocating.</summary>
    /// <exception cref="InputFormatException">The stream cannot tell its length (a pipe or a device).</exception>
    internal static long Length(Stream stream, string file) => stream.CanSeek
        ? stream.Length
        : throw InputFormatException.AtByte(file, 0, "is not a regular file; binary matrices are read from files whose length is known");

    /// <summary>Checks that every value is finite.</summary>
    /// <exception cref="InputFormatException">A NaN or infinity, named by row, column and byte offset.</exception>
    internal static void EnsureFinite(ReadOnlySpan<float> values, long columns, long dataStart, int elementSize, string file)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw InputFormatException.AtByte(file, dataStart + ((long)i * elementSize), string.Create(CultureInfo.InvariantCulture,
                    $"row {(i / columns) + 1}, column {(i % columns) + 1} (1-based) is {values[i]}; values must be finite"));
            }
        }
    }
}
