using System.Globalization;
using System.Text;

namespace Rtsp.Protocol.Headers;

/// <summary>One stream of an RTP-Info header (RFC 2326 §12.33): <c>url=... [;seq=...] [;rtptime=...]</c>.</summary>
public sealed record RtpInfoEntry(string Url, ushort? Seq = null, uint? RtpTime = null)
{
    public override string ToString()
    {
        var s = new StringBuilder("url=").Append(Url);
        if (Seq is { } seq)
        {
            s.Append(";seq=").Append(seq.ToString(CultureInfo.InvariantCulture));
        }

        if (RtpTime is { } time)
        {
            s.Append(";rtptime=").Append(time.ToString(CultureInfo.InvariantCulture));
        }

        return s.ToString();
    }
}
