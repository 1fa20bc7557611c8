using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Loyalty.Core.Tests.Cli.Input;

/// <summary>
/// Generators biased to the inputs that break readers: valid-looking files with a few bad fields (NaN/Infinity text,
/// thousands separators, quotes, control characters, huge fields, repeated header names, extra or missing fields),
/// then byte-level damage (invalid UTF-8, truncation, a BOM, stray CRs, runs of blank lines). The config is seeded,
/// so every run generates the same inputs.
/// </summary>
internal static class NastyInputs
{
    /// <summary>The number of inputs per property (the issue asks for at least 10,000 per reader).</summary>
    internal const int Count = 10_000;

    /// <summary>A fixed seed: the runs are deterministic in CI.</summary>
    internal static Config Config(ulong seed) => FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(Count)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));

    private static readonly string[] BadTokens =
    [
        "NaN", "nan", "Infinity", "-Infinity", "∞", "1e39", "-1e400", "1,234.50", "+-5", "0x1F", "1_000", "", " ", "\t",
        "\"quoted\"", "\"a,b\"", "\"unterminated", "a\"b", "\"x\"y", "\"\"", "\"\"\"\"", "\u0000", "\u001b[31mred", "\u202Eevil",
        "\u0085", "é", "😀", "ps_AAAAAAAAAAAAAAAAAAAAAA", new string('9', 400), new string('x', 300), "\r", "-0", "1e-50", "3.0",
        "2.5", "-1", "2147483648", "99999999999999999999", "١٢", "1 2",
    ];

    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Choose(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Choose(-1000, 1000).Select(i => (i / 8.0).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Id = Gen.Choose(0, 12).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A field: mostly plausible, sometimes nasty.</summary>
    internal static Gen<string> Field(string[] names) => Gen.Frequency(
        (6, Number),
        (2, Id),
        (1, Gen.Elements(names)),
        (3, Gen.Elements(BadTokens)));

    /// <summary>A CSV-like text: an optional header chosen from <paramref name="headers"/> (valid, repeated or odd
    /// names), then up to 12 rows with mostly the header's field count. A quarter of the files have only rows made of
    /// <paramref name="valid"/>'s fields (cut to the header's width), so the readers' success paths are reached too.</summary>
    internal static Gen<string> Table(string[] headers, string[] names, Gen<string[]> valid, char separator = ',') =>
        from header in Gen.Frequency((8, Gen.Elements(headers)), (1, Gen.Constant(string.Empty)), (1, Field(names).ArrayOf().Select(f => string.Join(separator, f))))
        let width = Math.Max(1, header.Split(separator).Length)
        from clean in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from count in Gen.Choose(0, 12)
        from rows in (clean ? Valid(valid, width, separator) : Gen.Frequency((3, Valid(valid, width, separator)), (1, Row(width, names, separator)))).ArrayOf(count)
        from ending in Gen.Elements("\n", "\r\n", "\n\n", "\r")
        select string.Join(ending, header.Length == 0 ? rows : rows.Prepend(header));

    private static Gen<string> Valid(Gen<string[]> valid, int width, char separator) =>
        valid.Select(fields => string.Join(separator, fields.Take(width)));

    /// <summary>UTF-8 bytes of the text, then byte-level damage with some probability.</summary>
    internal static Gen<byte[]> Damaged(Gen<string> text) =>
        from content in text
        from damage in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Choose(1, 6)))
        from position in Gen.Choose(0, 1_000_000)
        from junk in Gen.Elements(InvalidUtf8)
        select Damage(Encoding.UTF8.GetBytes(content), damage, position, junk);

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0x80], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static Gen<string> Row(int width, string[] names, char separator) =>
        from shape in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(-1)))
        from fields in Field(names).ArrayOf(Math.Max(1, width + shape))
        select string.Join(separator, fields);

    private static byte[] Damage(byte[] bytes, int damage, int position, byte[] junk)
    {
        int at = bytes.Length == 0 ? 0 : position % (bytes.Length + 1);
        return damage switch
        {
            1 => [.. bytes.AsSpan(0, at), .. junk, .. bytes.AsSpan(at)], // invalid UTF-8 inside
            2 => bytes[..at], // truncated
            3 => [0xEF, 0xBB, 0xBF, .. bytes], // BOM
            4 => [.. Encoding.UTF8.GetBytes(new string('\n', 20_000) + "  \n\t\n"), .. bytes], // many blank lines (the old recursion)
            5 => [.. bytes, .. junk], // invalid UTF-8 at the end
            6 => [.. bytes.AsSpan(0, at), 0x00, .. bytes.AsSpan(at)], // a NUL byte
            _ => bytes,
        };
    }
}
