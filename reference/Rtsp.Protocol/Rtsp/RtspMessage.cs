using System.Globalization;
using System.Text;

namespace Rtsp.Protocol.Rtsp;

/// <summary>What requests and responses share (RFC 2326 §4): version, header fields and an optional body.</summary>
public abstract class RtspMessage
{
    public const string Version10 = "RTSP/1.0";

    private byte[] _body = [];

    public string Version { get; set; } = Version10;

    public RtspHeaderCollection Headers { get; } = new();

    public byte[] Body
    {
        get => _body;
        set => _body = value ?? [];
    }

    /// <summary>The CSeq header (RFC 2326 §12.17) as a number; null when absent or not a number (real servers echo
    /// whatever they got, e.g. <c>CSeq: abc</c> from GStreamer).</summary>
    public int? CSeq
    {
        get => int.TryParse(Headers.Get("CSeq")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
        set
        {
            if (value is null)
            {
                Headers.Remove("CSeq");
            }
            else
            {
                Headers.Set("CSeq", value.Value.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The start line without its CRLF.</summary>
    public abstract string StartLine { get; }

    /// <summary>The message on the wire: CRLF line ends, and Content-Length written from <see cref="Body"/> when
    /// there is a body (a stale Content-Length would desynchronise the peer's parser).</summary>
    public byte[] ToBytes()
    {
        var text = new StringBuilder(256);
        text.Append(StartLine).Append("\r\n");
        var lengthWritten = false;
        foreach (var (name, value) in Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (lengthWritten)
                {
                    continue;
                }

                lengthWritten = true;
                text.Append(name).Append(": ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                continue;
            }

            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!lengthWritten && _body.Length > 0)
        {
            text.Append("Content-Length: ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        text.Append("\r\n");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        if (_body.Length == 0)
        {
            return head;
        }

        var bytes = new byte[head.Length + _body.Length];
        head.CopyTo(bytes, 0);
        _body.CopyTo(bytes, head.Length);
        return bytes;
    }

    /// <summary>The message as text (body decoded as UTF-8), for logs and reports.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
