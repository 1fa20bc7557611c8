using System.Buffers;
using System.Text;

namespace Loyalty.Core.Collection;

/// <summary>
/// Splits a UTF-8 stream into delimited records without allocating per row: fields are handed out as spans into a
/// reused buffer. Handles RFC 4180 quoting (doubled quotes, delimiters and line breaks inside quotes), LF and CRLF
/// endings, a UTF-8 byte-order mark, and — for the CDNOW files — runs of spaces or tabs as one delimiter.
/// </summary>
/// <remarks>
/// Total on any input: every byte sequence gives records or a <see cref="RecordFormatException"/>, and nothing
/// recurses on the input's structure (blank lines are skipped in a loop). A quote opens a quoted field only at the
/// start of a field; a quote anywhere else, text after a closing quote and a quoted field left open at the end of
/// the input are recoverable errors (the reader moves past the bad record first). A record longer than the size
/// limit is a fatal error, so a file with no line breaks cannot take all memory. Bytes are not decoded here: UTF-8
/// validation is the caller's, field by field.
/// Not thread-safe. Field spans are valid until the next read.
/// </remarks>
internal sealed class Utf8RecordReader : IDisposable
{
    private const int InitialBufferSize = 1 << 20;

    /// <summary>The default limit on the bytes of one record (64 MiB).</summary>
    internal const int DefaultMaxRecordBytes = 64 << 20;
    private static readonly SearchValues<byte> WhitespaceBytes = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte _delimiter;
    private readonly bool _whitespaceDelimited;
    private readonly int _maxRecordBytes;
    private byte[] _buffer;
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
    /// <param name="maxRecordBytes">The most bytes one record may take.</param>
    internal Utf8RecordReader(Stream stream, char delimiter = ',', bool whitespaceDelimited = false, bool leaveOpen = false, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordBytes, 16);
        ArgumentNullException.ThrowIfNull(stream);
        if (delimiter is '"' or '\r' or '\n' || delimiter > 127)
        {
            throw new ArgumentException($"Delimiter '{delimiter}' is not allowed; use an ASCII character other than quote or line breaks.", nameof(delimiter));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _delimiter = (byte)delimiter;
        _whitespaceDelimited = whitespaceDelimited;
        _maxRecordBytes = maxRecordBytes;
        _buffer = new byte[Math.Min(InitialBufferSize, maxRecordBytes)];
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
            if (_buffer.Length >= _maxRecordBytes)
            {
                // Everything unread belongs to the one record being parsed: it is too long to be a transaction.
                throw new RecordFormatException(_nextLine, 0,
                    $"a record (or a quoted field) runs over {_maxRecordBytes} bytes without ending; is this a delimited text file? It starts '{InputExcerpt.Of(_buffer.AsSpan(0, Math.Min(_end, InputExcerpt.DefaultLength * 4)))}'.",
                    recoverable: false);
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxRecordBytes));
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
        if (_buffer.AsSpan(_start, stop - _start).IndexOf((byte)'"') >= 0)
        {
            // A quoted field may hold line breaks: find the record's real end (and any quote error) before touching
            // the bytes, so that asking for more data never leaves a half-unescaped record behind.
            stop = ScanQuotedRecord();
            if (stop < 0)
            {
                return ParseOutcome.NeedMoreData;
            }
        }

        long linesInside = _buffer.AsSpan(_start, stop - _start).Count((byte)'\n');
        int next = stop < _end ? stop + 1 : _end;
        int contentEnd = stop > _start && _buffer[stop - 1] == (byte)'\r' ? stop - 1 : stop;
        int fields = 0;
        int pos = _start;
        while (true)
        {
            if (pos < contentEnd && _buffer[pos] == (byte)'"')
            {
                pos = UnescapeQuotedField(ref fields, pos, contentEnd);
            }
            else
            {
                int rel = _buffer.AsSpan(pos, contentEnd - pos).IndexOf(_delimiter);
                int fieldEnd = rel < 0 ? contentEnd : pos + rel;
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

    /// <summary>
    /// Checks a record that contains quotes and finds the line break that ends it; -1 when more data is needed. A
    /// quote opens a quoted field only at the start of a field; anywhere else it is an error, as is text after a
    /// closing quote or a quoted field still open at the end of the input.
    /// </summary>
    /// <exception cref="RecordFormatException">A quote error; the reader has already moved past the bad record.</exception>
    private int ScanQuotedRecord()
    {
        int pos = _start;
        int field = 1;
        bool fieldStart = true;
        while (true)
        {
            if (pos >= _end)
            {
                return _eof ? _end : -1;
            }

            byte b = _buffer[pos];
            if (b == (byte)'\n')
            {
                return pos;
            }

            if (b == _delimiter)
            {
                field++;
                fieldStart = true;
                pos++;
                continue;
            }

            if (b != (byte)'"')
            {
                fieldStart = false;
                int rel = _buffer.AsSpan(pos, _end - pos).IndexOfAny(_delimiter, (byte)'"', (byte)'\n');
                pos = rel < 0 ? _end : pos + rel;
                continue;
            }

            if (!fieldStart)
            {
                return Fail(pos, field, "a quote inside an unquoted field; quote the whole field and double the quotes inside it");
            }

            int open = pos;
            pos = FindClosingQuote(open + 1);
            if (pos == NeedMore)
            {
                return -1;
            }

            if (pos == Unclosed)
            {
                return FailUnclosed(open, field);
            }

            // After the closing quote: a delimiter, a line break (LF or CR LF) or the end of the input.
            fieldStart = false;
            if (pos >= _end)
            {
                if (!_eof)
                {
                    return -1;
                }

                continue;
            }

            byte after = _buffer[pos];
            if (after == _delimiter || after == (byte)'\n')
            {
                continue;
            }

            if (after == (byte)'\r')
            {
                if (pos + 1 >= _end && !_eof)
                {
                    return -1;
                }

                if (pos + 1 >= _end || _buffer[pos + 1] == (byte)'\n')
                {
                    pos++;
                    continue;
                }
            }

            return Fail(pos, field, "text after the closing quote of a quoted field");
        }
    }

    private const int NeedMore = -1;
    private const int Unclosed = -2;

    /// <summary>Position just after the quote that closes a quoted field whose content starts at <paramref name="from"/>.</summary>
    private int FindClosingQuote(int from)
    {
        int pos = from;
        while (true)
        {
            int rel = _buffer.AsSpan(pos, _end - pos).IndexOf((byte)'"');
            if (rel < 0)
            {
                // Only the last quote of the input can be left open, and reading resumes after its line, so this
                // search to the end happens once per file.
                return _eof ? Unclosed : NeedMore;
            }

            pos += rel;
            if (pos + 1 >= _end && !_eof)
            {
                return NeedMore; // a doubled quote or the closing one: the next byte decides
            }

            if (pos + 1 < _end && _buffer[pos + 1] == (byte)'"')
            {
                pos += 2;
                continue;
            }

            return pos + 1;
        }
    }

    /// <summary>Skips to the end of the physical line holding <paramref name="at"/> and throws a recoverable error.</summary>
    private int Fail(int at, int field, string problem)
    {
        int rel = _buffer.AsSpan(at, _end - at).IndexOf((byte)'\n');
        if (rel < 0 && !_eof)
        {
            return -1; // the error is raised again, with the whole line at hand, once the line break has been read
        }

        return Throw(at, rel < 0 ? _end : at + rel + 1, field, problem);
    }

    /// <summary>A quoted field still open at the end of the input: the record is given up and reading resumes on the
    /// line after the opening quote, so one stray quote costs one row, not the rest of the file.</summary>
    private int FailUnclosed(int open, int field)
    {
        int rel = _buffer.AsSpan(open, _end - open).IndexOf((byte)'\n');
        return Throw(open, rel < 0 ? _end : open + rel + 1, field, "a quoted field opened here is not closed before the end of the input");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private int Throw(int at, int resume, int field, string problem)
    {
        long line = _nextLine + _buffer.AsSpan(_start, at - _start).Count((byte)'\n');
        int lineStart = _buffer.AsSpan(_start, at - _start).LastIndexOf((byte)'\n') + 1 + _start;
        int excerptStart = Math.Max(lineStart, at - (InputExcerpt.DefaultLength / 2));
        int excerptEnd = Math.Min(resume, at + (InputExcerpt.DefaultLength / 2));
        string near = InputExcerpt.Of(_buffer.AsSpan(excerptStart, excerptEnd - excerptStart).TrimEnd("\r\n"u8));
        long column = at - lineStart + 1;
        _nextLine += _buffer.AsSpan(_start, resume - _start).Count((byte)'\n');
        _start = resume;
        throw new RecordFormatException(line, field, $"{problem} (byte {column} of the line, near '{near}').", recoverable: true);
    }

    /// <summary>Unescapes a quoted field (already checked by <see cref="ScanQuotedRecord"/>) in place; returns the
    /// position after the closing quote.</summary>
    private int UnescapeQuotedField(ref int fields, int openQuote, int contentEnd)
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
                break;
            }

            _buffer[write++] = b;
            read++;
        }

        AddField(ref fields, openQuote, write - openQuote);
        return read;
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
