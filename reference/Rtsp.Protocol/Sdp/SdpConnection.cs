namespace Rtsp.Protocol.Sdp;

/// <summary>The <c>c=</c> line (RFC 8866 §5.7): network type, address type, connection address.</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary><c>c=IN IP4 &lt;address&gt;</c>; RTSP servers usually write 0.0.0.0 (RFC 2326 C.1.7).</summary>
    public static SdpConnection IPv4(string address) => new("IN", "IP4", address);

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";

    internal static SdpConnection Parse(string value, int line)
    {
        var fields = value.Split(' ');
        if (fields.Length != 3 || Array.Exists(fields, field => field.Length == 0))
        {
            throw new SdpFormatException(line, $"c= needs 3 space-separated fields (nettype addrtype address); found {fields.Length}.");
        }
        return new SdpConnection(fields[0], fields[1], fields[2]);
    }
}
