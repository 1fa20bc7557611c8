using Loyalty.Cli.Infrastructure;

namespace Loyalty.Cli.Datasets;

/// <summary>Asks for a data set's licence terms to be accepted before it is downloaded: by <c>--accept-license</c>,
/// or by answering yes at a terminal. Without either the download does not start.</summary>
internal static class LicenceConsent
{
    /// <summary>Returns when the terms are accepted (or there are none); throws otherwise.</summary>
    /// <param name="dataset">The data set about to be downloaded.</param>
    /// <param name="accepted">Whether <c>--accept-license</c> was given.</param>
    /// <param name="interactive">Whether asking is allowed (not with <c>--json</c>); a prompt also needs a terminal.</param>
    /// <param name="stderr">Where the terms and the question go (stdout stays for results).</param>
    /// <exception cref="UserInputException">The terms were not accepted.</exception>
    internal static void Require(Dataset dataset, bool accepted, bool interactive, TextWriter stderr)
    {
        if (dataset.LicenceTerms is null)
        {
            return;
        }

        stderr.WriteLine(dataset.LicenceTerms);
        if (accepted)
        {
            stderr.WriteLine($"{dataset.Name}: terms accepted with --accept-license.");
            return;
        }

        if (interactive && !Console.IsInputRedirected)
        {
            stderr.Write($"Do you accept these terms and want to download {dataset.Name}? [y/N] ");
            stderr.Flush();
            string answer = (Console.ReadLine() ?? string.Empty).Trim();
            if (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        throw new UserInputException($"--accept-license: {dataset.Name} is downloaded only after its licence terms (above) are accepted; pass --accept-license or answer y when asked.");
    }
}
