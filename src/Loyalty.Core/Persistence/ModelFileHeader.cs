namespace Loyalty.Core.Persistence;

/// <summary>The header every model file starts with: the magic bytes <c>LYMF</c>, the format name (for example
/// <c>loyalty.kmeans</c>) and the format version. The name lets a load refuse another model's file with a message that
/// says what the file is; the version lets a format change without old readers misreading new files.</summary>
internal static class ModelFileHeader
{
    /// <summary>"LYMF": Loyalty model file.</summary>
    internal static ReadOnlySpan<byte> Magic => "LYMF"u8;

    /// <summary>Formats are named <c>loyalty.*</c>; a longer name in a header means the file is something else.</summary>
    internal const int MaxNameLength = 64;
}
