using System.Text;

namespace Loyalty.Core.Recommendation;

/// <summary>Shared pieces of the binary model formats: a magic string and a format version first, little-endian
/// values, every read checked so a damaged stream is an <see cref="InvalidDataException"/>, never a crash later.
/// Counts read from the stream are checked against the bytes that remain before anything of that size is
/// allocated, so a damaged or crafted file cannot make a load allocate more than the file could hold.</summary>
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
        // The remaining length is what bounds the declared counts; a stream that cannot tell it is read into memory
        // first (the model is held in memory anyway).
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

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

    /// <summary>Refuses a declaration that needs at least <paramref name="minimumBytes"/> more bytes than remain.</summary>
    internal static void EnsureRemaining(BinaryReader r, long minimumBytes, string what)
    {
        long remaining = r.BaseStream.Length - r.BaseStream.Position;
        if (minimumBytes > remaining)
        {
            throw new InvalidDataException(
                $"The model stream declares {what}, which needs at least {minimumBytes:N0} bytes, but only {remaining:N0} remain.");
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
