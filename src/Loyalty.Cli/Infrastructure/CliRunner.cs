using System.CommandLine;

namespace Loyalty.Cli.Infrastructure;

/// <summary>Runs the command tree with the CLI's exit-code contract: 0 success, 2 bad arguments or input (one line
/// on stderr naming the file, row, column or option), 1 anything else — never a stack trace for a user error.</summary>
internal static class CliRunner
{
    internal const int Success = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

    internal static int Run(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
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
            stderr.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
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

        return message.ReplaceLineEndings(" ");
    }

    /// <summary>Bad input from the user: our own input errors, argument checks from the engines (they name the
    /// parameter), data-format errors (they name file, line and column) and missing files.</summary>
    private static bool IsUserError(Exception ex) =>
        ex is UserInputException or ArgumentException or FormatException or FileNotFoundException
            or DirectoryNotFoundException or InvalidDataException
            or Loyalty.Core.Storage.StoreSchemaVersionException or Loyalty.Core.Storage.StoreKeyMismatchException;
}
