using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Loyalty.Cli.Infrastructure;

/// <summary>Runs the command tree with the CLI's exit-code contract: 0 success, 2 bad arguments or input (one line
/// on stderr naming the file, row, column or option), 1 anything else — never a stack trace for a user error.
/// Every error line is bounded (<see cref="MaxMessageLength"/>) and shows control characters escaped, whatever the
/// message carries from the input: a hostile file cannot flood or drive the terminal.</summary>
internal static class CliRunner
{
    internal const int Success = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

    /// <summary>The most characters of a message printed on one error line.</summary>
    internal const int MaxMessageLength = 1000;

    internal static int Run(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {Printable(error.Message)}");
            }

            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            stderr.WriteLine($"error: {OneLine(ex)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return Failure;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"error: {ex.GetType().Name}: {Printable(ex.Message)}");
            if (Environment.GetEnvironmentVariable("LOYALTY_DEBUG") == "1")
            {
                stderr.WriteLine(ex);
            }

            return Failure;
        }
    }

    /// <summary>The message on one line, without .NET's " (Parameter 'x')" suffix: the text already names what is wrong.</summary>
    private static string OneLine(Exception ex)
    {
        string message = ex.Message;
        if (ex is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return Printable(message);
    }

    /// <summary>One line, at most <see cref="MaxMessageLength"/> characters, control and bidi characters escaped
    /// (<c>\x1B</c>, <c>\u202E</c>).</summary>
    internal static string Printable(string message)
    {
        string oneLine = message.ReplaceLineEndings(" ");
        var text = new StringBuilder(Math.Min(oneLine.Length, MaxMessageLength) + 32);
        int i = 0;
        for (; i < oneLine.Length && (text.Length < MaxMessageLength || char.IsLowSurrogate(oneLine[i])); i++)
        {
            char c = oneLine[i];
            if (c < 0x20 || c is >= '\x7F' and <= '\x9F')
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else if (c is (>= '\u200B' and <= '\u200F') or (>= '\u2028' and <= '\u202E') or (>= '\u2060' and <= '\u2069') or '\u061C' or '\uFEFF'
                || char.IsSurrogate(c) && !(i + 1 < oneLine.Length && char.IsSurrogatePair(c, oneLine[i + 1])) && !(i > 0 && char.IsSurrogatePair(oneLine[i - 1], c)))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        if (i < oneLine.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({oneLine.Length - i} more characters)");
        }

        return text.ToString();
    }

    /// <summary>Bad input from the user: our own input errors, argument checks from the engines (they name the
    /// parameter), data-format errors (they name file, line and column) and missing files.</summary>
    private static bool IsUserError(Exception ex) =>
        ex is UserInputException or ArgumentException or FormatException or FileNotFoundException
            or DirectoryNotFoundException or InvalidDataException
            or Loyalty.Core.Storage.StoreSchemaVersionException or Loyalty.Core.Storage.StoreKeyMismatchException;
}
