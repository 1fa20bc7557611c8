using System.Text;
using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

public sealed class Utf8LineReaderTests
{
    [Fact]
    public void ReadLine_CrLfBomAndLastLineWithoutNewline_ReturnsLines()
    {
        using var reader = new Utf8LineReader(new MemoryStream([0xEF, 0xBB, 0xBF, .. "a,b\r\nc\n\nd"u8]), "f.csv");
        Assert.Equal(["a,b", "c", string.Empty, "d"], Lines(reader));
        Assert.Equal(4, reader.LineNumber);
    }

    [Fact]
    public void ReadLine_InvalidUtf8_ThrowsNamingLineAndCharacter()
    {
        using var reader = new Utf8LineReader(new MemoryStream([.. "user\nab"u8, 0xFF, .. "c\n"u8]), "f.csv");
        Assert.Equal("user", reader.ReadLine());
        var error = Assert.Throws<InputFormatException>(() => reader.ReadLine());
        Assert.Equal(2, error.Line);
        Assert.Equal("f.csv:2, character 3: invalid UTF-8 at byte 3 of the line: '\\xFFc'; the file must be UTF-8 (ids are never guessed or replaced)", error.Message);
    }

    [Fact]
    public void ReadLine_IdsDifferingOnlyInInvalidBytes_AreNeverMerged()
    {
        // The old reader decoded both ids to "a\uFFFD", one customer.
        using var reader = new Utf8LineReader(new MemoryStream([.. "a"u8, 0xFF, .. "\na"u8, 0xFE, .. "\n"u8]), "ids.txt");
        Assert.Equal(1, Assert.Throws<InputFormatException>(() => reader.ReadLine()).Line);
    }

    [Fact]
    public void ReadLine_HundredThousandBlankLines_ReadsWithoutRecursion()
    {
        using var reader = new Utf8LineReader(new MemoryStream(Encoding.UTF8.GetBytes(new string('\n', 100_000) + "x")), "blank.txt");
        Assert.Equal(100_001, Lines(reader).Count);
    }

    [Fact]
    public void ReadLine_LineLongerThanTheLimit_ThrowsInsteadOfGrowing()
    {
        using var reader = new Utf8LineReader(new MemoryStream(new byte[Utf8LineReader.MaxLineBytes + 1]), "zeros.bin");
        var error = Assert.Throws<InputFormatException>(() => reader.ReadLine());
        Assert.Contains("longer than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Lines(Utf8LineReader reader)
    {
        var lines = new List<string>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lines.Add(line);
        }

        return lines;
    }
}
