namespace Loyalty.Cli.Datasets;

/// <summary>A data set could not be fetched (download failed or a file did not verify). The message names the
/// data set, the address or file, and what was expected; nothing was left in the cache.</summary>
internal sealed class DatasetFetchException(string message, Exception? inner = null) : Exception(message, inner);
