namespace Loyalty.Cli.Infrastructure;

/// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, which posts each report to the thread pool:
/// progress lines then appear in order, and none is written after the command has returned (a late write raced with
/// the next command's output on a shared writer).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
