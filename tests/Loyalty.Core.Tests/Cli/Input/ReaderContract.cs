using Loyalty.Cli.Infrastructure;
using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

/// <summary>The contract every CLI input reader keeps on any bytes: a result, or the documented exception naming the
/// file and a location, with a bounded message free of control characters. Any other exception escapes and fails the
/// property. Counts both outcomes so a test can check that its generator reaches both.</summary>
internal sealed class ReaderContract(string file)
{
    /// <summary>Longest message accepted: two bounded excerpts and the prose around them.</summary>
    internal const int MaxMessage = 700;

    internal int Results { get; private set; }

    internal int Errors { get; private set; }

    internal bool Holds(Action read)
    {
        try
        {
            read();
            Results++;
            return true;
        }
        catch (InputFormatException e)
        {
            Errors++;
            bool located = e.File == file && (e.Line >= 1 || e.ByteOffset >= 0);
            return located && IsOneSafeLine(e.Message) ? true : throw new InvalidOperationException($"badly located or unsafe message: {e.Message}", e);
        }
        catch (UserInputException e)
        {
            // Documented for checks across rows (rating scale, repeated pairs): the message starts "file:line:".
            Errors++;
            return e.Message.StartsWith(file + ":", StringComparison.Ordinal) && IsOneSafeLine(e.Message)
                ? true
                : throw new InvalidOperationException($"badly located or unsafe message: {e.Message}", e);
        }
    }

    private static bool IsOneSafeLine(string message) =>
        message.Length <= MaxMessage && !message.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
}
