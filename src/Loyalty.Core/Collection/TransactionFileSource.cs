using System.Runtime.CompilerServices;

namespace Loyalty.Core.Collection;

/// <summary>
/// Streams transactions from a CSV or CDNOW file (or any stream that yields one), parsing and cleaning on the fly
/// so a log far larger than memory can be read. After each complete read, <see cref="LastReport"/> accounts for
/// every row.
/// </summary>
/// <remarks>Each call to <see cref="ReadAsync"/> opens the data afresh; an instance may be read many times but not
/// by two readers at once.
/// Thread safety: not safe for two reads of one instance at once (<see cref="LastReport"/> belongs to the last read); use one instance per reader.</remarks>
public sealed class TransactionFileSource : ITransactionSource
{
    private readonly Func<Stream> _open;
    private readonly TransactionFileOptions _options;
    private readonly CleaningPolicy _policy;

#pragma warning disable RS0026 // Overloads with optional parameters are safe here: the path and stream overloads take different required arguments, so the shared optional settings cannot make a call ambiguous.
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Layout; CSV with default column names when null.</param>
    /// <param name="policy">Cleaning rules; <see cref="CleaningPolicy.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The path is empty or the options are invalid (all problems listed).</exception>
    public TransactionFileSource(string path, TransactionFileOptions? options = null, CleaningPolicy? policy = null)
        : this(() => OpenFile(path), (options ?? new TransactionFileOptions()) with { SourceName = options?.SourceName ?? Path.GetFileName(path) }, policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
    }

    /// <summary>Reads whatever stream <paramref name="open"/> returns; the source disposes it.</summary>
    /// <param name="open">Opens the data, once per read.</param>
    /// <param name="options">Layout; set <see cref="TransactionFileOptions.SourceName"/> for messages.</param>
    /// <param name="policy">Cleaning rules.</param>
    public TransactionFileSource(Func<Stream> open, TransactionFileOptions? options = null, CleaningPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        _options = options ?? new TransactionFileOptions();
        _policy = policy ?? CleaningPolicy.Default;
        _options.Validate();
        _policy.Validate();
    }
#pragma warning restore RS0026

    /// <inheritdoc />
    public string Name => _options.SourceName ?? "stream";

    /// <summary>The data-quality report of the last read that ran to the end; null before.</summary>
    public DataQualityReport? LastReport { get; private set; }

    /// <summary>The cleaning policy in force.</summary>
    public CleaningPolicy Policy => _policy;

    /// <inheritdoc />
    /// <exception cref="TransactionFormatException">The file is empty, the header lacks a mapped column, or a row is
    /// bad and no more rejections are allowed; the message names file, line and column.</exception>
    public async IAsyncEnumerable<Transaction> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = OpenRows();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.ToTransaction();
        }

        LastReport = reader.Report();
    }

    /// <summary>Opens the allocation-free row reader the RFM fast path uses.</summary>
    internal TransactionRowReader OpenRows() => new(_open(), Name, _options, _policy);

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
