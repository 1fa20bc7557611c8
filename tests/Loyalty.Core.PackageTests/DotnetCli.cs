using System.Diagnostics;
using System.Text;

namespace Loyalty.Core.PackageTests;

/// <summary>Runs the <c>dotnet</c> command line as a user would, with the output captured for assertion messages.</summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; fails the
    /// test with the command and its whole output when it exits non-zero or runs past the time-out.</summary>
    /// <param name="workingDirectory">The directory to run in.</param>
    /// <param name="arguments">The arguments after <c>dotnet</c>.</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    internal static string Run(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No MSBuild node, build server or compiler server may outlive the command: they would inherit the output
        // pipes (so reading to the end would hang) and linger on a shared machine.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        // The test host runs under MSBuild-launched variables that would steer a nested build to the wrong SDK parts.
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish in {Timeout.TotalMinutes} min:{Environment.NewLine}{Text(output)}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        if (process.ExitCode != 0)
        {
            Assert.Fail($"dotnet {string.Join(' ', arguments)} exited {process.ExitCode} after {watch.Elapsed.TotalSeconds:0.0} s in {workingDirectory}:{Environment.NewLine}{Text(output)}");
        }

        return Text(output);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
