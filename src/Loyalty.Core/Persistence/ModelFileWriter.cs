using System.Text;

namespace Loyalty.Core.Persistence;

/// <summary>Writes a model file: the header (<see cref="ModelFileHeader"/>), then the fields a model lists, little-endian.
/// Arrays carry their length so the reader can check it against the bytes that remain before allocating.</summary>
internal sealed class ModelFileWriter : IDisposable
{
    private readonly BinaryWriter _writer;

    private ModelFileWriter(Stream stream, string format, int version)
    {
        _writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        _writer.Write(ModelFileHeader.Magic);
        _writer.Write(format);
        _writer.Write(version);
    }

    /// <summary>Writes the header of <paramref name="format"/> at <paramref name="version"/>, then the body.</summary>
    internal static void Write(Stream stream, string format, int version, Action<ModelFileWriter> body)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new ModelFileWriter(stream, format, version);
        body(writer);
    }

    internal void Write(int value) => _writer.Write(value);

    internal void Write(double value) => _writer.Write(value);

    internal void Write(float value) => _writer.Write(value);

    internal void Write(bool value) => _writer.Write(value);

    internal void Write(string value) => _writer.Write(value);

    internal void WriteEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum => _writer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));

    internal void Write(ReadOnlySpan<double> values)
    {
        _writer.Write(values.Length);
        foreach (double v in values)
        {
            _writer.Write(v);
        }
    }

    internal void Write(ReadOnlySpan<float> values)
    {
        _writer.Write(values.Length);
        foreach (float v in values)
        {
            _writer.Write(v);
        }
    }

    internal void Write(ReadOnlySpan<int> values)
    {
        _writer.Write(values.Length);
        foreach (int v in values)
        {
            _writer.Write(v);
        }
    }

    internal void Write(IReadOnlyList<string> values)
    {
        _writer.Write(values.Count);
        foreach (string v in values)
        {
            _writer.Write(v);
        }
    }

    public void Dispose() => _writer.Dispose();
}
