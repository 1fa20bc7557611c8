using System.Buffers;
using System.Text;

namespace Loyalty.Core.Collection;

/// <summary>
/// Splits a UTF-8 stream into delimited records without allocating per row: fields are handed out as spans into a
/// reused buffer. Handles RFC 4180 quoting (doubled quotes, delimiters and line breaks inside quotes), LF and CRLF
/// endings, a UTF-8 byte-order mark, and — for the CDNOW files — runs of spaces or tabs as one delimiter.
/// </summary>
/// <remarks>Not thread-safe. Field spans are valid until the next read.</remarks>
internal sealed class Utf8RecordReader : IDisposable
{
    private const int InitialBufferSize = 1 << 20;
    private static readonly SearchValues<byte> WhitespaceBytes = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte _delimiter;
    private readonly bool _whitespaceDelimited;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _bomChecked;
    private int[] _fieldStarts = new int[16];
    private int[] _fieldLengths = new int[16];

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">UTF-8 text.</param>
    /// <param name="delimiter">The field delimiter; ignored when <paramref name="whitespaceDelimited"/>.</param>
    /// <param name="whitespaceDelimited">Fields separated by runs of spaces or tabs, leading blanks ignored.</param>
    /// <param name="leaveOpen">Leave the stream open on dispose.</param>
    internal Utf8RecordReader(Stream stream, char delimiter = ',', bool whitespaceDelimited = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (delimiter is '"' or '\r' or '\n' || delimiter > 127)
        {
            throw new ArgumentException($"Delimiter '{delimiter}' is not allowed; use an ASCII character other than quote or line breaks.", nameof(delimiter));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _delimiter = (byte)delimiter;
        _whitespaceDelimited = whitespaceDelimited;
    }

    /// <summary>Line number (1-based) where the current record starts.</summary>
    internal long LineNumber { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    internal int FieldCount { get; private set; }

    private long _nextLine = 1;

    /// <summary>A field of the current record, unquoted.</summary>
    internal ReadOnlySpan<byte> Field(int index) => _buffer.AsSpan(_fieldStarts[index], _fieldLengths[index]);

    /// <summary>A field decoded as a string (for messages and ids).</summary>
    internal string FieldString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Reads the next non-blank record, blocking on the stream as needed.</summary>
    /// <returns>False at the end of the stream.</returns>
    internal bool Read()
    {
        while (true)
        {
            var outcome = TryParseRecord();
            if (outcome == ParseOutcome.Record)
            {
                return true;
            }

            if (outcome == ParseOutcome.End)
            {
                return false;
            }

            Fill(_stream.Read(PrepareFill().Span));
        }
    }

    /// <summary>Reads the next non-blank record, awaiting the stream as needed.</summary>
    internal async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var outcome = TryParseRecord();
            if (outcome == ParseOutcome.Record)
            {
                return true;
            }

            if (outcome == ParseOutcome.End)
            {
                return false;
            }

            Memory<byte> target = PrepareFill();
            Fill(await _stream.ReadAsync(target, cancellationToken).ConfigureAwait(false));
        }
    }

    private enum ParseOutcome
    {
        Record,
        NeedMoreData,
        End,

        /// <summary>A line of white space only (whitespace-delimited files): skipped, and the next line is tried.</summary>
        Blank,
    }

    /// <summary>Moves unread bytes to the front (growing the buffer when one record fills it) and returns the free tail.</summary>
    private Memory<byte> PrepareFill()
    {
        int unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        return _buffer.AsMemory(_end);
    }

    private void Fill(int read)
    {
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        if (!_bomChecked && (_end >= 3 || _eof))
        {
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start += 3;
            }
        }
    }

    /// <summary>Parses one record from the buffer. Blank lines are skipped (and counted) in a loop, never by
    /// recursion: a file of a million blank lines must not exhaust the stack.</summary>
    private ParseOutcome TryParseRecord()
    {
        ParseOutcome outcome;
        do
        {
            outcome = TryParseLine();
        }
        while (outcome == ParseOutcome.Blank);

        return outcome;
    }

    private ParseOutcome TryParseLine()
    {
        if (!_bomChecked && !_eof)
        {
            return ParseOutcome.NeedMoreData;
        }

        while (true)
        {
            if (_start >= _end)
            {
                return _eof ? ParseOutcome.End : ParseOutcome.NeedMoreData;
            }

            // Skip blank lines so a trailing newline or an empty line never becomes a record of one empty field.
            byte first = _buffer[_start];
            if (first == (byte)'\n')
            {
                _start++;
                _nextLine++;
                continue;
            }

            if (first == (byte)'\r')
            {
                if (_start + 1 >= _end && !_eof)
                {
                    return ParseOutcome.NeedMoreData;
                }

                _start += _start + 1 < _end && _buffer[_start + 1] == (byte)'\n' ? 2 : 1;
                _nextLine++;
                continue;
            }

            break;
        }

        return _whitespaceDelimited ? ParseWhitespaceRecord() : ParseDelimitedRecord();
    }

    private ParseOutcome ParseDelimitedRecord()
    {
        int lineBreak = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (lineBreak < 0 && !_eof)
        {
            return ParseOutcome.NeedMoreData;
        }

        int stop = lineBreak < 0 ? _end : _start + lineBreak;
        long linesInside = 0;
        if (_buffer.AsSpan(_start, stop - _start).IndexOf((byte)'"') >= 0)
        {
            // A quoted field may hold line breaks: find the record's real end before touching the bytes, so that
            // asking for more data never leaves a half-unescaped record behind.
            stop = FindQuotedRecordEnd(out linesInside);
            if (stop < 0)
            {
                return ParseOutcome.NeedMoreData;
            }
        }

        int next = stop < _end ? stop + 1 : _end;
        int contentEnd = stop > _start && _buffer[stop - 1] == (byte)'\r' ? stop - 1 : stop;
        int fields = 0;
        int pos = _start;
        while (true)
        {
            if (pos < contentEnd && _buffer[pos] == (byte)'"')
            {
                pos = ReadQuotedField(ref fields, pos, contentEnd);
            }
            else
            {
                int rel = _buffer.AsSpan(pos, contentEnd - pos).IndexOfAny(_delimiter, (byte)'"');
                int fieldEnd = rel < 0 ? contentEnd : pos + rel;
                if (rel >= 0 && _buffer[fieldEnd] == (byte)'"')
                {
                    throw new InvalidDataException(
                        $"Line {_nextLine}: a quote inside unquoted field {fields + 1}; quote the whole field and double the quotes inside it.");
                }

                AddField(ref fields, pos, fieldEnd - pos);
                pos = fieldEnd;
            }

            if (pos >= contentEnd)
            {
                break;
            }

            pos++; // the delimiter
            if (pos == contentEnd)
            {
                AddField(ref fields, pos, 0);
                break;
            }
        }

        LineNumber = _nextLine;
        _nextLine += linesInside + 1;
        FieldCount = fields;
        _start = next;
        return ParseOutcome.Record;
    }

    /// <summary>Finds the line break that ends a record containing quotes; -1 when more data is needed.</summary>
    private int FindQuotedRecordEnd(out long linesInside)
    {
        linesInside = 0;
        bool inQuotes = false;
        int pos = _start;
        while (true)
        {
            int rel = _buffer.AsSpan(pos, _end - pos).IndexOfAny((byte)'"', (byte)'\n');
            if (rel < 0)
            {
                if (!_eof)
                {
                    return -1;
                }

                if (inQuotes)
                {
                    throw new InvalidDataException($"Line {_nextLine}: a quoted field is not closed before the end of the input.");
                }

                return _end;
            }

            pos += rel;
            if (_buffer[pos] == (byte)'"')
            {
                inQuotes = !inQuotes; // a doubled quote toggles twice, as it should
            }
            else if (inQuotes)
            {
                linesInside++;
            }
            else
            {
                return pos;
            }

            pos++;
        }
    }

    /// <summary>Unescapes a quoted field in place; returns the position after the closing quote.</summary>
    private int ReadQuotedField(ref int fields, int openQuote, int contentEnd)
    {
        int write = openQuote;
        int read = openQuote + 1;
        while (read < contentEnd)
        {
            byte b = _buffer[read];
            if (b == (byte)'"')
            {
                if (read + 1 < contentEnd && _buffer[read + 1] == (byte)'"')
                {
                    _buffer[write++] = (byte)'"';
                    read += 2;
                    continue;
                }

                read++;
                AddField(ref fields, openQuote, write - openQuote);
                if (read < contentEnd && _buffer[read] != _delimiter)
                {
                    throw new InvalidDataException($"Line {_nextLine}: unexpected text after the closing quote of field {fields}.");
                }

                return read;
            }

            _buffer[write++] = b;
            read++;
        }

        throw new InvalidDataException($"Line {_nextLine}: a quoted field is not closed.");
    }

    private ParseOutcome ParseWhitespaceRecord()
    {
        int lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (lineEnd < 0 && !_eof)
        {
            return ParseOutcome.NeedMoreData;
        }

        int stop = lineEnd < 0 ? _end : _start + lineEnd;
        int fields = 0;
        int pos = _start;
        while (pos < stop)
        {
            int rel = _buffer.AsSpan(pos, stop - pos).IndexOfAnyExcept(WhitespaceBytes);
            if (rel < 0)
            {
                break;
            }

            pos += rel;
            int len = _buffer.AsSpan(pos, stop - pos).IndexOfAny(WhitespaceBytes);
            if (len < 0)
            {
                len = stop - pos;
            }

            AddField(ref fields, pos, len);
            pos += len;
        }

        LineNumber = _nextLine;
        _nextLine++;
        _start = lineEnd < 0 ? _end : stop + 1;
        if (fields == 0)
        {
            return ParseOutcome.Blank;
        }

        FieldCount = fields;
        return ParseOutcome.Record;
    }

    private void AddField(ref int fields, int start, int length)
    {
        if (fields == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, fields * 2);
            Array.Resize(ref _fieldLengths, fields * 2);
        }

        _fieldStarts[fields] = start;
        _fieldLengths[fields] = length;
        fields++;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
