using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

public sealed class InputExcerptTests
{
    [Fact]
    public void Quote_ControlAndBidiCharacters_AreEscaped()
    {
        Assert.Equal("'\\u001B[31mred\\u202E\\t\\''", InputExcerpt.Quote("\u001b[31mred\u202E\t'"));
    }

    [Fact]
    public void Quote_FiveMegabyteField_IsCutToEightyCharacters()
    {
        string excerpt = InputExcerpt.Quote(new string('9', 5_000_000));
        Assert.Equal("'" + new string('9', InputExcerpt.MaxChars) + "'… (5000000 characters)", excerpt);
    }

    [Fact]
    public void Bytes_InvalidUtf8_ShownAsHex()
    {
        Assert.Equal("'a\\xFF\\x00'", InputExcerpt.Bytes([(byte)'a', 0xFF, 0x00]));
    }

    [Fact]
    public void Name_PathWithEscapeSequence_IsEscapedNotCut()
    {
        Assert.Equal("dir/\\u001B]0;x.csv", InputExcerpt.Name("dir/\u001b]0;x.csv"));
        Assert.Equal("/tmp/plain.csv", InputExcerpt.Name("/tmp/plain.csv"));
    }
}
