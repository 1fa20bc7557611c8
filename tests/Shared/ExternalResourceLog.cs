using Xunit.Abstractions;

namespace Loyalty.Core.Tests;

/// <summary>
/// A class fixture that hands xunit's diagnostic sink to <see cref="ExternalResource"/>, so each distinct reason for a
/// skip is printed once in the <c>dotnet test</c> output (the console logger shows skip reasons only at detailed
/// verbosity). Test classes that may skip for a missing resource take it with <c>IClassFixture&lt;ExternalResourceLog&gt;</c>;
/// the output needs <c>diagnosticMessages</c> on in xunit.runner.json.
/// </summary>
public sealed class ExternalResourceLog
{
    /// <summary>Called by xunit with its diagnostic message sink.</summary>
    public ExternalResourceLog(IMessageSink diagnostics) => ExternalResource.Diagnostics = diagnostics;
}
