using System.Globalization;

namespace Rtsp.Protocol.Sdp;

/// <summary>
/// An <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c>
/// value (RFC 8866 §6.6). <see cref="ToString"/> gives the part after the payload type, e.g. <c>JPEG/90000</c>.
/// </summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, string? EncodingParameters = null)
{
    public override string ToString() =>
        $"{EncodingName}/{ClockRate.ToString(CultureInfo.InvariantCulture)}" + (EncodingParameters is null ? "" : "/" + EncodingParameters);

    /// <summary>The whole attribute value, <c>26 JPEG/90000</c>.</summary>
    public string ToAttributeValue() => $"{PayloadType.ToString(CultureInfo.InvariantCulture)} {this}";

    public static bool TryParse(string value, out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        var text = value.Trim();
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out int payloadType) || payloadType > 127)
        {
            return false;
        }
        var parts = text[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int clockRate) || clockRate == 0
            || (parts.Length == 3 && parts[2].Length == 0))
        {
            return false;
        }
        rtpMap = new SdpRtpMap(payloadType, parts[0], clockRate, parts.Length == 3 ? parts[2] : null);
        return true;
    }
}
