using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Loyalty.Core.Tests;

/// <summary>
/// The one place a test gives up on something outside the repository (a data set, a PostgreSQL server, a browser).
/// On a developer's machine the test is skipped with the reason printed; with <c>LOYALTY_REQUIRE_EXTERNAL=1</c>
/// (exported by <c>.ci/run</c>) it fails instead, so CI cannot pass by skipping. Tests that call it are
/// <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>. Tests never install what is missing; <c>.ci/setup.d</c> does.
/// </summary>
internal static class ExternalResource
{
    /// <summary>Set to 1 to turn every skip for a missing external resource into a failure.</summary>
    internal const string RequireVariable = "LOYALTY_REQUIRE_EXTERNAL";

    /// <summary>True when <c>LOYALTY_REQUIRE_EXTERNAL=1</c>: missing resources fail the test.</summary>
    internal static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    private static readonly ConcurrentDictionary<string, bool> Reported = new(StringComparer.Ordinal);

    /// <summary>Where skip reasons are printed (set by <see cref="ExternalResourceLog"/>); null prints nothing.</summary>
    internal static IMessageSink? Diagnostics { get; set; }

    /// <summary>Skips the running test (or fails it, when <see cref="Required"/>) because of <paramref name="reason"/>.</summary>
    [DoesNotReturn]
    internal static void Unavailable(string reason) => Unavailable(reason, Required);

    /// <summary><see cref="Unavailable(string)"/> with the choice between skip and failure given (for its tests).</summary>
    [DoesNotReturn]
    internal static void Unavailable(string reason, bool required)
    {
        if (required)
        {
            Assert.Fail($"{reason} ({RequireVariable}=1 makes this a failure instead of a skip.)");
        }

        if (Reported.TryAdd(reason, true))
        {
            Diagnostics?.OnMessage(new DiagnosticMessage("Skipped, " + reason));
        }

        throw new Xunit.SkipException(reason);
    }

    /// <summary>The headless Chromium binary (<c>LOYALTY_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>).</summary>
    internal static string RequireChromium()
    {
        string path = Environment.GetEnvironmentVariable("LOYALTY_CHROMIUM") is { Length: > 0 } named ? named : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            Unavailable($"Chromium not found at {path}; install it (.ci/setup.d/20-chromium.sh does, as root) or set LOYALTY_CHROMIUM.");
        }

        return path;
    }
}
