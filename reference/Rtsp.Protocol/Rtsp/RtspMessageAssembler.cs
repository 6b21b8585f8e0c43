using System.Globalization;
using System.Text;

namespace Rtsp.Protocol.Rtsp;

/// <summary>
/// The byte-at-a-time state machine under <see cref="RtspMessageParser"/> and <see cref="InterleavedDemultiplexer"/>:
/// it consumes bytes only up to the end of the current message, so the demultiplexer can look at what follows.
/// Every limit is checked as each byte arrives, never after a line is complete.
/// </summary>
internal sealed class RtspMessageAssembler
{
    private enum State
    {
        StartLine,
        Headers,
        Body,
    }

    private static readonly byte[] ResponsePrefix = "RTSP/"u8.ToArray();

    private readonly RtspParserLimits _limits;
    // Grows on demand up to the larger line limit: most lines are short, and a parser lives per connection.
    private byte[] _line = new byte[256];
    private int _lineLength;
    private State _state = State.StartLine;

    // A CR ended the previous line: a following LF belongs to that line end (CRLF), not to the next line.
    private bool _swallowLf;
    private int _headerBytes;
    private RtspMessage? _message;
    private string? _pendingName;
    private StringBuilder? _pendingValue;
    private byte[] _body = [];
    private int _bodyFilled;

    // A request in a version we do not speak is refused only once its headers are read, so the refusal can echo
    // its CSeq (RFC 2326 12.17: every response carries the request's CSeq).
    private string? _unsupportedVersion;

    public RtspMessageAssembler(RtspParserLimits? limits)
    {
        _limits = limits ?? RtspParserLimits.Default;
        if (_limits.MaxStartLineLength < 1 || _limits.MaxHeaderLineLength < 1 || _limits.MaxHeaderCount < 0 ||
            _limits.MaxHeaderBytes < 1 || _limits.MaxBodyLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), "Parser limits must be positive.");
        }
    }

    /// <summary>True while part of a message has been consumed (leading empty lines do not count).</summary>
    public bool InProgress => _state != State.StartLine || _lineLength > 0;

    /// <summary>Consumes bytes until one message is complete or the input runs out; returns the bytes consumed.</summary>
    public int Consume(ReadOnlySpan<byte> data, out RtspMessage? completed)
    {
        completed = null;
        var i = 0;
        while (i < data.Length)
        {
            if (_state == State.Body)
            {
                if (_swallowLf && _bodyFilled == 0 && data[i] == (byte)'\n')
                {
                    _swallowLf = false;
                    i++;
                    continue;
                }

                _swallowLf = false;
                var take = Math.Min(_body.Length - _bodyFilled, data.Length - i);
                data.Slice(i, take).CopyTo(_body.AsSpan(_bodyFilled));
                _bodyFilled += take;
                i += take;
                if (_bodyFilled == _body.Length)
                {
                    completed = Complete();
                    return i;
                }

                continue;
            }

            var b = data[i++];
            if (_state == State.Headers)
            {
                _headerBytes++;
                if (_headerBytes > _limits.MaxHeaderBytes)
                {
                    throw Error(RtspParseError.HeadersTooLarge, $"header section exceeds {_limits.MaxHeaderBytes} bytes");
                }
            }

            if (b == (byte)'\n' && _swallowLf)
            {
                _swallowLf = false;
                continue;
            }

            _swallowLf = b == (byte)'\r';
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (_state == State.StartLine && _lineLength == 0)
                {
                    // Empty lines before a message are skipped (RFC 2616 §4.1 practice, e.g. a stray CRLF after a body).
                    continue;
                }

                if (EndLine())
                {
                    if (_state == State.Body && _body.Length == 0)
                    {
                        completed = Complete();
                        return i;
                    }
                }

                continue;
            }

            if (RtspSyntax.IsForbiddenControl(b))
            {
                throw Error(RtspParseError.ControlCharacters, $"control character 0x{b:X2} in the {Where()}");
            }

            var max = _state == State.StartLine ? _limits.MaxStartLineLength : _limits.MaxHeaderLineLength;
            if (_lineLength >= max || (_state == State.Headers && IsContinuation() && PendingLength() + _lineLength + 1 > max))
            {
                throw _state == State.StartLine
                    ? Error(RtspParseError.StartLineTooLong, $"start line exceeds {max} bytes")
                    : Error(RtspParseError.HeaderLineTooLong, $"a header field exceeds {max} bytes", FieldNameSoFar());
            }

            if (_lineLength == _line.Length)
            {
                Array.Resize(ref _line, Math.Min(_line.Length * 2, Math.Max(_limits.MaxStartLineLength, _limits.MaxHeaderLineLength)));
            }

            _line[_lineLength++] = b;
        }

        return i;
    }

    /// <summary>The name of the header line being read, if its colon has been read (a server may answer a too-long
    /// Session header with 454, what clients handle, rather than a generic 400).</summary>
    private string? FieldNameSoFar()
    {
        int colon = IsContinuation() ? -1 : Array.IndexOf(_line, (byte)':', 0, _lineLength);
        return colon <= 0 ? null : Encoding.ASCII.GetString(_line, 0, colon).Trim();
    }

    private bool IsContinuation() => _lineLength > 0 && _line[0] is (byte)' ' or (byte)'\t';

    private int PendingLength() => (_pendingName?.Length ?? 0) + 2 + (_pendingValue?.Length ?? 0);

    private string Where() => _state == State.StartLine ? "start line" : "header section";

    // Whether the message being read is a response decides the status code of a too-long start line.
    private bool InResponse => _message is RtspResponse ||
        (_message is null && _lineLength >= ResponsePrefix.Length && _line.AsSpan(0, ResponsePrefix.Length).SequenceEqual(ResponsePrefix));

    private RtspParseException Error(RtspParseError error, string detail, string? fieldName = null) =>
        new(error, detail, InResponse) { CSeq = CSeqSoFar(), FieldName = fieldName };

    /// <summary>The CSeq of the message being read, when it has been read and is a valid number (never echo garbage).</summary>
    private string? CSeqSoFar()
    {
        var value = _message?.Headers.Get(Headers.CSeqHeader.Name);
        if (value is null && _pendingName is not null && _pendingName.Equals(Headers.CSeqHeader.Name, StringComparison.OrdinalIgnoreCase))
        {
            value = _pendingValue!.ToString();
        }

        return Headers.CSeqHeader.TryParse(value, out _) ? value!.Trim() : null;
    }

    /// <summary>Handles a complete line; returns true when the header section has just ended.</summary>
    private bool EndLine()
    {
        var line = Encoding.UTF8.GetString(_line, 0, _lineLength);
        var wasContinuation = IsContinuation();
        _lineLength = 0;
        if (_state == State.StartLine)
        {
            _message = ParseStartLine(line);
            _state = State.Headers;
            _headerBytes = 0;
            return false;
        }

        if (line.Length == 0)
        {
            CommitPendingHeader();
            if (_unsupportedVersion is not null)
            {
                throw Error(RtspParseError.UnsupportedVersion, $"version '{Excerpt(_unsupportedVersion)}' is not RTSP/1.0");
            }

            _body = new byte[ContentLength()];
            _bodyFilled = 0;
            _state = State.Body;
            return true;
        }

        if (wasContinuation)
        {
            // RFC 2616 §2.2: a line starting with LWS continues the previous field; fold it into one space.
            if (_pendingValue is null)
            {
                throw Error(RtspParseError.InvalidHeaderLine, "continuation line before any header field");
            }

            var more = line.Trim(' ', '\t');
            if (more.Length > 0)
            {
                if (_pendingValue.Length > 0)
                {
                    _pendingValue.Append(' ');
                }

                _pendingValue.Append(more);
            }

            return false;
        }

        CommitPendingHeader();
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !RtspSyntax.IsToken(line.AsSpan(0, colon)))
        {
            throw Error(RtspParseError.InvalidHeaderLine, $"not a 'Name: value' header line: '{Excerpt(line)}'");
        }

        if (_message!.Headers.Count >= _limits.MaxHeaderCount)
        {
            throw Error(RtspParseError.TooManyHeaders, $"more than {_limits.MaxHeaderCount} header fields");
        }

        _pendingName = line[..colon];
        _pendingValue = new StringBuilder(line[(colon + 1)..].Trim(' ', '\t'));
        return false;
    }

    private void CommitPendingHeader()
    {
        if (_pendingName is null)
        {
            return;
        }

        _message!.Headers.Add(_pendingName, _pendingValue!.ToString().TrimEnd(' ', '\t'));
        _pendingName = null;
        _pendingValue = null;
    }

    private int ContentLength()
    {
        int? length = null;
        foreach (var raw in _message!.Headers.GetAll("Content-Length"))
        {
            var text = raw.Trim();
            if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            {
                throw Error(RtspParseError.InvalidContentLength, $"Content-Length '{Excerpt(text)}' is not a non-negative integer");
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > _limits.MaxBodyLength)
            {
                throw Error(RtspParseError.BodyTooLarge, $"Content-Length {Excerpt(text)} exceeds the {_limits.MaxBodyLength}-byte limit");
            }

            if (length is not null && length != value)
            {
                throw Error(RtspParseError.InvalidContentLength, "several different Content-Length values");
            }

            length = value;
        }

        // RFC 2326 §12.14: no Content-Length means no body.
        return length ?? 0;
    }

    private RtspMessage Complete()
    {
        var message = _message!;
        message.Body = _body;
        _message = null;
        _body = [];
        _bodyFilled = 0;
        _state = State.StartLine;
        return message;
    }

    private RtspMessage ParseStartLine(string line)
    {
        var parts = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (line.StartsWith("RTSP/", StringComparison.Ordinal))
        {
            // Status-Line = RTSP-Version SP Status-Code SP Reason-Phrase (the phrase may be empty).
            if (parts.Length < 2 || parts[1].Length != 3 || !parts[1].All(char.IsAsciiDigit) || parts[1][0] == '0')
            {
                throw Error(RtspParseError.MalformedStartLine, $"not a status line: '{Excerpt(line)}'");
            }

            RequireVersionSyntax(parts[0], line);
            var code = int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);

            // Any RTSP/x.y is kept for a response: judging a server that answers 2.0 is the caller's business.
            return new RtspResponse(code, parts.Length > 2 ? parts[2].Trim() : "") { Version = parts[0] };
        }

        if (parts.Length != 3 || !RtspSyntax.IsToken(parts[0]) || parts[2].AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            throw Error(RtspParseError.MalformedStartLine, $"not a request line: '{Excerpt(line)}'");
        }

        RequireVersionSyntax(parts[2], line);
        _unsupportedVersion = parts[2] == RtspMessage.Version10 ? null : parts[2];
        return new RtspRequest(parts[0], parts[1]) { Version = parts[2] };
    }

    /// <summary>RTSP-Version = "RTSP" "/" 1*DIGIT "." 1*DIGIT; another protocol name (HTTP/1.1) is a version we do not speak.</summary>
    private void RequireVersionSyntax(string version, string line)
    {
        var slash = version.IndexOf('/', StringComparison.Ordinal);
        var dot = slash < 0 ? -1 : version.IndexOf('.', slash);
        var wellFormed = slash > 0 && dot > slash + 1 && dot < version.Length - 1 &&
            version[(slash + 1)..dot].All(char.IsAsciiDigit) && version[(dot + 1)..].All(char.IsAsciiDigit) &&
            RtspSyntax.IsToken(version.AsSpan(0, slash));
        if (!wellFormed)
        {
            throw Error(RtspParseError.MalformedStartLine, $"no protocol version in '{Excerpt(line)}'");
        }
    }

    private static string Excerpt(string s) => s.Length <= 64 ? s : s[..64] + "...";
}
