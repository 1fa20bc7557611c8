using FsCheck;
using FsCheck.Fluent;

namespace Loyalty.Core.Tests.Persistence;

/// <summary>Every model loader is total: for any bytes it returns a model or throws <see cref="InvalidDataException"/>
/// with a short, printable message — never OutOfMemory, Overflow, IndexOutOfRange or another type. Inputs are
/// damaged copies of a real saved model (<see cref="ByteMutations"/>), 10,000 per format, from a fixed seed.</summary>
public sealed class ModelFileLoadProperties
{
    /// <summary>Longest message a damaged file may produce: a field name, a value and a bounded excerpt.</summary>
    internal const int MaxMessageLength = 400;

    public static TheoryData<string> Formats() => [.. SavedModels.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_DamagedFile_ModelOrInvalidDataException(string format)
    {
        var model = SavedModels.Get(format);
        byte[] valid = model.Bytes();
        int header = SavedModels.VersionOffset(valid) + sizeof(int);
        Check.One(ByteMutations.Seeded(10_000, seed: 15), Prop.ForAll(ByteMutations.Cases(), c =>
        {
            byte[] bytes = ByteMutations.Apply(valid, header, c.Kind, c.Seed);
            return LoadsOrRefuses(model.Load, bytes);
        }));
    }

    /// <summary>True when the bytes load (and the model saves again) or are refused with a good message; any other
    /// exception escapes, so FsCheck prints it with the case that caused it.</summary>
    internal static bool LoadsOrRefuses(Func<Stream, object> load, byte[] bytes)
    {
        object loaded;
        try
        {
            loaded = load(new MemoryStream(bytes, writable: false));
        }
        catch (InvalidDataException ex)
        {
            return IsGoodMessage(ex.Message) ? true : throw new InvalidOperationException($"Unbounded or unprintable message: {ex.Message}", ex);
        }

        // A model that loads is whole: it writes itself back without tripping on a value the loader let through.
        var save = loaded.GetType().GetMethod("Save", [typeof(Stream)])!;
        save.Invoke(loaded, [new MemoryStream()]);
        return true;
    }

    internal static bool IsGoodMessage(string message) =>
        message.Length is > 0 and <= MaxMessageLength && !message.Any(char.IsControl);
}
