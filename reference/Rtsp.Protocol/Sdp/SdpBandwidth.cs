using System.Globalization;

namespace Rtsp.Protocol.Sdp;

/// <summary>The <c>b=</c> line (RFC 8866 §5.8): <c>&lt;bwtype&gt;:&lt;bandwidth&gt;</c>, e.g. <c>AS:3019</c> (kbit/s).</summary>
public sealed record SdpBandwidth(string Type, long Value)
{
    public override string ToString() => $"{Type}:{Value.ToString(CultureInfo.InvariantCulture)}";

    internal static SdpBandwidth Parse(string value, int line)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new SdpFormatException(line, "b= needs <bwtype>:<bandwidth>, e.g. AS:3019.");
        }
        if (!long.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long bandwidth))
        {
            throw new SdpFormatException(line, $"b= bandwidth '{SdpText.Excerpt(value[(colon + 1)..])}' is not a non-negative integer.");
        }
        return new SdpBandwidth(value[..colon], bandwidth);
    }
}
