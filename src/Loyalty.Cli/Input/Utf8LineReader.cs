using System.Buffers;
using System.Text.Unicode;

namespace Loyalty.Cli.Input;

/// <summary>
/// Reads a text file line by line as strict UTF-8: an invalid byte sequence is an <see cref="InputFormatException"/>
/// naming the line and column, never a U+FFFD replacement (two ids that differ only in invalid bytes would otherwise
/// become one). Lines end at LF (a CR before it is dropped); a UTF-8 byte order mark at the start is skipped; a line
/// longer than <see cref="MaxLineBytes"/> is an error rather than an unbounded buffer. One loop, no recursion.
/// </summary>
/// <remarks>Thread safety: not thread-safe; one reader per stream.</remarks>
internal sealed class Utf8LineReader : IDisposable
{
    /// <summary>The longest line accepted, in bytes (no input of the CLI has lines near this).</summary>
    internal const int MaxLineBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string _file;
    private readonly bool _ownsStream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private byte[] _pending = [];
    private int _pendingLength;
    private int _position;
    private int _length;
    private bool _endOfStream;

    internal Utf8LineReader(Stream stream, string file, bool ownsStream = false)
    {
        _stream = stream;
        _file = file;
        _ownsStream = ownsStream;
    }

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    internal long LineNumber { get; private set; }

    /// <summary>Opens <paramref name="path"/>; the file is named in errors as given.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    internal static Utf8LineReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{InputExcerpt.Name(path)}: file not found.", path);
        }

        return new Utf8LineReader(File.OpenRead(path), path, ownsStream: true);
    }

    /// <summary>The next line without its line ending, or null at the end of the file.</summary>
    /// <exception cref="InputFormatException">The line is not valid UTF-8 or is too long.</exception>
    internal string? ReadLine()
    {
        _pendingLength = 0;
        while (true)
        {
            if (_position == _length)
            {
                if (_endOfStream || !Fill())
                {
                    return _pendingLength > 0 ? Decode(_pending.AsSpan(0, _pendingLength)) : null;
                }
            }

            ReadOnlySpan<byte> available = _buffer.AsSpan(_position, _length - _position);
            int newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _position += newline + 1;
                if (_pendingLength == 0)
                {
                    return Decode(available[..newline]);
                }

                Append(available[..newline]);
                return Decode(_pending.AsSpan(0, _pendingLength));
            }

            Append(available);
            _position = _length;
        }
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private bool Fill()
    {
        _position = 0;
        _length = _stream.Read(_buffer);
        _endOfStream = _length == 0;
        return !_endOfStream;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if ((long)_pendingLength + bytes.Length > MaxLineBytes)
        {
            throw InputFormatException.AtLine(_file, LineNumber + 1, $"the line is longer than {MaxLineBytes / (1024 * 1024)} MiB; this is not a line-oriented text file");
        }

        if (_pending.Length < _pendingLength + bytes.Length)
        {
            Array.Resize(ref _pending, Math.Min(MaxLineBytes, Math.Max(_pendingLength + bytes.Length, _pending.Length * 2)));
        }

        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += bytes.Length;
    }

    private string Decode(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(1, line.Length));
        try
        {
            OperationStatus status = Utf8.ToUtf16(line, chars, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
            if (status != OperationStatus.Done)
            {
                ReadOnlySpan<byte> bad = line[read..];
                throw InputFormatException.AtCharacter(_file, LineNumber, written + 1,
                    $"invalid UTF-8 at byte {read + 1} of the line: {InputExcerpt.Bytes(bad[..Math.Min(bad.Length, 8)])}; the file must be UTF-8 (ids are never guessed or replaced)");
            }

            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
