namespace Rtsp.Protocol.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 8866 §5.2): username, session id, session version, network type, address type,
/// address. The id and version stay strings: real servers send ids beyond 2^63 (GStreamer) and the text must
/// round-trip as sent.
/// </summary>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>The origin a server writes: <c>o=- &lt;id&gt; &lt;version&gt; IN IP4 &lt;address&gt;</c>.</summary>
    public static SdpOrigin Create(ulong sessionId, ulong sessionVersion, string address) =>
        new("-", sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), sessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "IN", "IP4", address);

    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";

    internal static SdpOrigin Parse(string value, int line)
    {
        var fields = value.Split(' ');
        if (fields.Length != 6 || Array.Exists(fields, field => field.Length == 0))
        {
            throw new SdpFormatException(line, $"o= needs 6 space-separated fields (username sess-id sess-version nettype addrtype address); found {fields.Length}.");
        }
        return new SdpOrigin(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }
}
