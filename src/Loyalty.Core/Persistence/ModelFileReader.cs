using System.Globalization;
using System.Text;

namespace Loyalty.Core.Persistence;

/// <summary>Reads a model file written by <see cref="ModelFileWriter"/>. Every read names its field, so a damaged or
/// crafted file fails with an <see cref="InvalidDataException"/> that says which field is wrong, where it starts (its
/// byte offset) and why: a truncated stream, a count larger than the bytes that remain (checked in 64-bit arithmetic
/// before allocating), a non-finite number or a value out of range. Text from the file is quoted through
/// <see cref="ModelFileText.Excerpt"/>. Non-seekable streams are copied into memory first because the remaining length
/// is what bounds counts.</summary>
/// <remarks>A loader built on this reader is total: for any bytes it returns a model or throws
/// <see cref="InvalidDataException"/>; the model files' property tests hold every loader to that.</remarks>
internal sealed class ModelFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly BinaryReader _reader;
    private readonly string _format;
    private readonly Dictionary<string, long> _fieldStarts = new(StringComparer.Ordinal);
    private string _field = "header";

    private ModelFileReader(BinaryReader reader, string format, int version)
    {
        _reader = reader;
        _format = format;
        Version = version;
    }

    /// <summary>The version found in the header (between 1 and the version the caller reads).</summary>
    internal int Version { get; }

    /// <summary>Checks the header against <paramref name="format"/> and <paramref name="newestVersion"/>, then reads
    /// the body; a short stream becomes an <see cref="InvalidDataException"/> naming the field being read.</summary>
    internal static T Read<T>(Stream stream, string format, int newestVersion, Func<ModelFileReader, T> body)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        using var binary = new BinaryReader(stream, StrictUtf8, leaveOpen: true);
        ModelFileReader? reader = null;
        try
        {
            int version = ReadHeader(binary, format, newestVersion);
            reader = new ModelFileReader(binary, format, version);
            return body(reader);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {format} model file is truncated (it ends inside {reader?.CurrentField ?? "the header"}, at byte {stream.Length:N0})."), ex);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {format} model file holds a malformed length in {reader?.CurrentField ?? "the header"} (byte {stream.Position:N0})."), ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {format} model file holds a string that is not UTF-8 in {reader?.CurrentField ?? "the header"} (byte {stream.Position:N0})."), ex);
        }
    }

    private static int ReadHeader(BinaryReader r, string format, int newestVersion)
    {
        Span<byte> magic = stackalloc byte[4];
        if (r.Read(magic) != magic.Length || !magic.SequenceEqual(ModelFileHeader.Magic))
        {
            throw new InvalidDataException($"Not a Loyalty model file (no LYMF header); expected a {format} model file.");
        }

        int nameLength = r.Read7BitEncodedInt();
        if (nameLength is < 0 or > ModelFileHeader.MaxNameLength)
        {
            throw new InvalidDataException($"The model file header is damaged (format name of {nameLength} bytes); expected {format}.");
        }

        string found = StrictUtf8.GetString(ReadExactly(r, nameLength));

        if (!string.Equals(found, format, StringComparison.Ordinal))
        {
            throw new InvalidDataException(found.StartsWith("loyalty.", StringComparison.Ordinal) && found.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
                ? $"The stream is a {found} model file, not {format}."
                : $"The model file header names the format {ModelFileText.Excerpt(found)}; expected {format}.");
        }

        int version = r.ReadInt32();
        if (version > newestVersion)
        {
            throw new InvalidDataException($"{format} version {version} is newer than this library reads ({newestVersion}).");
        }

        if (version < 1)
        {
            throw new InvalidDataException($"{format} version {version} is not a valid version (this library reads 1 to {newestVersion}).");
        }

        return version;
    }

    /// <summary>Any 32-bit integer.</summary>
    internal int ReadInt32(string field)
    {
        Begin(field);
        return _reader.ReadInt32();
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal int ReadInt32(string field, int min, int max)
    {
        int value = ReadInt32(field);
        return value >= min && value <= max ? value : throw Invalid(field, $"is {value}; it must be between {min} and {max}");
    }

    internal bool ReadBoolean(string field)
    {
        Begin(field);
        byte value = _reader.ReadByte();
        return value <= 1 ? value == 1 : throw Invalid(field, $"is {value}; a flag must be 0 or 1");
    }

    internal string ReadString(string field)
    {
        Begin(field);
        int length = _reader.Read7BitEncodedInt();
        if (length < 0)
        {
            throw Invalid(field, $"has a negative length ({length})");
        }

        EnsureRemaining(field, length, 1, "bytes");
        return StrictUtf8.GetString(ReadExactly(_reader, length));
    }

    /// <summary>A defined value of <typeparamref name="TEnum"/>.</summary>
    internal TEnum ReadEnum<TEnum>(string field)
        where TEnum : struct, Enum
    {
        int raw = ReadInt32(field);
        var value = (TEnum)Enum.ToObject(typeof(TEnum), raw);
        return Enum.IsDefined(value) ? value : throw Invalid(field, $"is {raw}, not a {typeof(TEnum).Name}");
    }

    /// <summary>A finite double.</summary>
    internal double ReadDouble(string field)
    {
        Begin(field);
        double value = _reader.ReadDouble();
        return double.IsFinite(value) ? value : throw Invalid(field, $"is {Show(value)}; it must be finite");
    }

    /// <summary>A finite double &gt; 0.</summary>
    internal double ReadPositive(string field)
    {
        double value = ReadDouble(field);
        return value > 0 ? value : throw Invalid(field, $"is {Show(value)}; it must be greater than 0");
    }

    /// <summary>A finite double ≥ 0.</summary>
    internal double ReadNonNegative(string field)
    {
        double value = ReadDouble(field);
        return value >= 0 ? value : throw Invalid(field, $"is {Show(value)}; it must be 0 or more");
    }

    /// <summary>A double that may be NaN or infinite (timings and log-likelihoods that were never measured).</summary>
    internal double ReadAnyDouble(string field)
    {
        Begin(field);
        return _reader.ReadDouble();
    }

    /// <summary>A float that may be NaN (used as "absent").</summary>
    internal float ReadAnySingle(string field)
    {
        Begin(field);
        return _reader.ReadSingle();
    }

    /// <summary>A finite float.</summary>
    internal float ReadSingle(string field)
    {
        Begin(field);
        float value = _reader.ReadSingle();
        return float.IsFinite(value) ? value : throw Invalid(field, $"is {Show(value)}; it must be finite");
    }

    /// <summary>A length-prefixed array of finite doubles; <paramref name="expectedLength"/> (when not negative) must match.</summary>
    /// <remarks><paramref name="allowNonFinite"/> admits NaN and infinities (standard errors that could not be
    /// computed).</remarks>
    internal double[] ReadDoubles(string field, int expectedLength = -1, bool allowNonFinite = false)
    {
        int count = ReadLength(field, expectedLength, sizeof(double));
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = _reader.ReadDouble();
            if (!allowNonFinite && !double.IsFinite(values[i]))
            {
                throw Invalid($"{field}[{i}]", $"is {Show(values[i])}; it must be finite");
            }
        }

        return values;
    }

    /// <summary>A length-prefixed array of finite floats; <paramref name="expectedLength"/> (when not negative) must match.</summary>
    internal float[] ReadSingles(string field, int expectedLength = -1)
    {
        int count = ReadLength(field, expectedLength, sizeof(float));
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = _reader.ReadSingle();
            if (!float.IsFinite(values[i]))
            {
                throw Invalid($"{field}[{i}]", $"is {Show(values[i])}; it must be finite");
            }
        }

        return values;
    }

    /// <summary>A length-prefixed array of integers, each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal int[] ReadInt32s(string field, int min, int max, int expectedLength = -1)
    {
        int count = ReadLength(field, expectedLength, sizeof(int));
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = _reader.ReadInt32();
            if (values[i] < min || values[i] > max)
            {
                throw Invalid($"{field}[{i}]", $"is {values[i]}; it must be between {min} and {max}");
            }
        }

        return values;
    }

    /// <summary>A length-prefixed array of strings (at least one byte each in the file).</summary>
    internal string[] ReadStrings(string field, int expectedLength = -1)
    {
        int count = ReadLength(field, expectedLength, 1);
        var values = new string[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ReadString($"{field}[{i}]");
        }

        Begin(field);
        return values;
    }

    /// <summary>Refuses a declaration needing more than the bytes that remain, before anything of that size exists.</summary>
    internal void EnsureRemaining(string field, long count, int bytesEach, string unit = "values")
    {
        long remaining = _reader.BaseStream.Length - _reader.BaseStream.Position;
        if (count < 0)
        {
            throw Invalid(field, string.Create(CultureInfo.InvariantCulture, $"declares a negative count ({count:N0})"));
        }

        // A count past long.MaxValue / bytesEach cannot fit in any stream; compare without multiplying it.
        long needed = count > long.MaxValue / Math.Max(bytesEach, 1) ? long.MaxValue : count * bytesEach;
        if (needed > remaining)
        {
            throw Invalid(field, string.Create(
                CultureInfo.InvariantCulture,
                $"declares {count:N0} {unit} ({needed:N0} bytes) but only {remaining:N0} bytes remain"));
        }
    }

    /// <summary>An <see cref="InvalidDataException"/> naming the format and the field.</summary>
    internal InvalidDataException Invalid(string field, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The {_format} model file is invalid: {field} {problem} (field at byte {StartOf(field):N0})."));

    /// <summary>Where <paramref name="field"/> starts: the recorded start of the field, of the array it is an
    /// element of, or of its parent field; the current position when none was recorded.</summary>
    private long StartOf(string field)
    {
        for (string name = field; name.Length > 0;)
        {
            if (_fieldStarts.TryGetValue(name, out long start))
            {
                return start;
            }

            int cut = Math.Max(name.LastIndexOf('['), name.LastIndexOf('.'));
            name = cut < 0 ? string.Empty : name[..cut];
        }

        return _reader.BaseStream.Position;
    }

    private void Begin(string field)
    {
        _field = field;
        _fieldStarts.TryAdd(field, _reader.BaseStream.Position);
    }

    /// <summary>The field being read when a truncated stream ended the read.</summary>
    internal string CurrentField => _field;

    /// <summary>The stream's length, which bounds every count in the file.</summary>
    internal long Length => _reader.BaseStream.Length;

    private int ReadLength(string field, int expectedLength, int bytesEach)
    {
        Begin(field);
        int count = ReadInt32($"{field} length");
        Begin(field);
        if (count < 0)
        {
            throw Invalid(field, $"has a negative length ({count})");
        }

        if (expectedLength >= 0 && count != expectedLength)
        {
            throw Invalid(field, $"has {count} values; the model's sizes say {expectedLength}");
        }

        EnsureRemaining(field, count, bytesEach);
        return count;
    }

    private static byte[] ReadExactly(BinaryReader r, int count)
    {
        byte[] bytes = r.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException();
    }

    internal static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
