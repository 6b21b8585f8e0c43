namespace Rtsp.Protocol;

/// <summary>
/// The one error every parser in this library throws for malformed input: a typed error that names what was
/// wrong, never an IndexOutOfRange or NullReference escaping from the middle of a parser.
/// Parsers with a richer reason (RTSP message limits, RFC 2435 limitations) derive from it.
/// </summary>
public class ProtocolFormatException : FormatException
{
    public ProtocolFormatException(string message) : base(message) { }

    public ProtocolFormatException(string message, Exception inner) : base(message, inner) { }
}
