namespace Loyalty.Core;

/// <summary>A source of transactions read as a stream, so that a log larger than memory can be processed.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface ITransactionSource
{
    /// <summary>A short description of the source for reports (a file name, a query).</summary>
    string Name { get; }

    /// <summary>Reads the transactions in source order.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The transactions; rows that cannot be parsed are reported by the source, never silently skipped.</returns>
    IAsyncEnumerable<Transaction> ReadAsync(CancellationToken cancellationToken = default);
}
