using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

public sealed class CsvLineTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData(" a , b ", new[] { "a", "b" })]
    [InlineData("\"1,234.50\",x", new[] { "1,234.50", "x" })]
    [InlineData("\"say \"\"hi\"\"\" ,", new[] { "say \"hi\"", "" })]
    [InlineData("", new[] { "" })]
    public void Split_ValidLine_ReturnsFields(string line, string[] expected) =>
        Assert.Equal(expected, CsvLine.Split(line, "f.csv", 3));

    [Theory]
    [InlineData("a,\"open", "f.csv:3, column 2: the quote opened at character 3 is not closed")]
    [InlineData("a\"b,c", "f.csv:3, column 1: a double quote inside an unquoted field")]
    [InlineData("x,\"q\"y", "f.csv:3, column 2: text after the closing quote")]
    public void Split_BadQuotes_ThrowsNamingFileLineAndColumn(string line, string message)
    {
        var error = Assert.Throws<InputFormatException>(() => CsvLine.Split(line, "f.csv", 3));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
