using System.Text;

namespace Loyalty.Core.Recommendation;

/// <summary>Shared pieces of the binary model formats: a magic string and a format version first, little-endian
/// values, every read checked so a damaged stream is an <see cref="InvalidDataException"/>, never a crash later.</summary>
internal static class ModelStream
{
    internal static BinaryWriter Writer(Stream stream, string magic, int version)
    {
        var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(magic);
        w.Write(version);
        return w;
    }

    /// <summary>Checks the header, then reads the body; a short stream becomes <see cref="InvalidDataException"/>.</summary>
    internal static T Read<T>(Stream stream, string magic, int version, string what, Func<BinaryReader, T> body)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            string found = r.ReadString();
            if (found != magic)
            {
                throw new InvalidDataException($"Not a Loyalty.Core {what} (header '{found}').");
            }

            int foundVersion = r.ReadInt32();
            if (foundVersion != version)
            {
                throw new InvalidDataException($"Unsupported {what} format version {foundVersion} (this library reads {version}).");
            }

            return body(r);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"The {what} stream is truncated.", ex);
        }
    }

    internal static int NonNegative(int value, string what) =>
        value >= 0 ? value : throw new InvalidDataException($"Negative {what} ({value}) in the model stream.");

    internal static int Index(int value, int count, string what) =>
        (uint)value < (uint)count ? value : throw new InvalidDataException($"{what} index {value} is out of range (count {count}).");

    internal static string[] ReadStrings(BinaryReader r, int count)
    {
        var keys = new string[count];
        for (int k = 0; k < count; k++)
        {
            keys[k] = r.ReadString();
        }

        return keys;
    }

    internal static void WriteFloats(BinaryWriter w, ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            w.Write(v);
        }
    }

    internal static float[] ReadFloats(BinaryReader r, int count)
    {
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = r.ReadSingle();
        }

        return values;
    }
}
