using System.Globalization;
using System.Text;

namespace Rtsp.Protocol.Sdp;

/// <summary>
/// One media description (RFC 8866 §5.14): the <c>m=</c> line and the <c>i=</c>, <c>c=</c>, <c>b=</c>,
/// <c>k=</c> and <c>a=</c> lines after it.
/// </summary>
public sealed class MediaDescription : SdpSection
{
    public MediaDescription() { }

    /// <summary><c>m=&lt;type&gt; &lt;port&gt; &lt;protocol&gt; &lt;formats&gt;</c>, e.g. <c>video 0 RTP/AVP 26</c>.</summary>
    public MediaDescription(string type, int port, string protocol, params string[] formats)
    {
        Type = type;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>audio, video, text, application, message, ...</summary>
    public string Type { get; set; } = "video";

    /// <summary>The transport port; RTSP servers write 0 and negotiate ports in SETUP (RFC 2326 C.1.2).</summary>
    public int Port { get; set; }

    /// <summary>The optional <c>/&lt;number of ports&gt;</c> after the port.</summary>
    public int? PortCount { get; set; }

    public string Protocol { get; set; } = "RTP/AVP";

    /// <summary>Media formats; RTP payload type numbers for RTP/AVP.</summary>
    public List<string> Formats { get; set; } = [];

    /// <summary><c>a=framerate</c> (RFC 8866 §6.8): 25, 29.97, GStreamer's 25.000000. Null when absent or not a number.</summary>
    public double? FrameRate
    {
        get => SdpAttributeValues.TryParseFrameRate(GetAttribute("framerate")?.Value, out double rate) ? rate : null;
        set => SetAttribute("framerate", value is null ? null : SdpAttributeValues.FormatFrameRate(value.Value));
    }

    /// <summary>The <c>a=rtpmap</c> lines by payload type (the first wins); malformed ones are left out.</summary>
    public IReadOnlyDictionary<int, SdpRtpMap> RtpMaps
    {
        get
        {
            var maps = new Dictionary<int, SdpRtpMap>();
            foreach (var attribute in GetAttributes("rtpmap"))
            {
                if (attribute.Value is not null && SdpRtpMap.TryParse(attribute.Value, out var map))
                {
                    maps.TryAdd(map!.PayloadType, map);
                }
            }
            return maps;
        }
    }

    /// <summary>The <c>a=fmtp</c> parameters by format (RFC 8866 §6.15), as written after the format number.</summary>
    public IReadOnlyDictionary<int, string> Fmtp
    {
        get
        {
            var parameters = new Dictionary<int, string>();
            foreach (var attribute in GetAttributes("fmtp"))
            {
                if (attribute.Value is not null && SdpAttributeValues.TrySplitFormatParameters(attribute.Value, out int format, out string text))
                {
                    parameters.TryAdd(format, text);
                }
            }
            return parameters;
        }
    }

    /// <summary>Adds <c>a=rtpmap</c> for the map.</summary>
    public void AddRtpMap(SdpRtpMap map) => Attributes.Add(new SdpAttribute("rtpmap", map.ToAttributeValue()));

    internal void AppendTo(StringBuilder text)
    {
        text.Append("m=").Append(Type).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is not null)
        {
            text.Append('/').Append(PortCount.Value.ToString(CultureInfo.InvariantCulture));
        }
        text.Append(' ').Append(Protocol);
        foreach (var format in Formats)
        {
            text.Append(' ').Append(format);
        }
        text.Append(SdpText.LineEnd);
        SessionDescription.AppendLine(text, 'i', Information);
        SessionDescription.AppendLine(text, 'c', Connection?.ToString());
        foreach (var bandwidth in Bandwidths)
        {
            SessionDescription.AppendLine(text, 'b', bandwidth.ToString());
        }
        SessionDescription.AppendLine(text, 'k', EncryptionKey);
        foreach (var attribute in Attributes)
        {
            SessionDescription.AppendLine(text, 'a', attribute.ToString());
        }
    }

    internal static MediaDescription ParseMediaLine(string value, int line)
    {
        var fields = value.Split(' ');
        if (fields.Length < 4 || Array.Exists(fields, field => field.Length == 0))
        {
            throw new SdpFormatException(line, $"m= needs '<media> <port> <proto> <fmt> ...' with at least one format; got '{SdpText.Excerpt(value)}'.");
        }
        var portText = fields[1];
        int? portCount = null;
        int slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(portText.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                throw new SdpFormatException(line, $"m= port count '{SdpText.Excerpt(portText[(slash + 1)..])}' is not a number.");
            }
            portCount = count;
            portText = portText[..slash];
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new SdpFormatException(line, $"m= port '{SdpText.Excerpt(portText)}' is not a number from 0 to 65535.");
        }
        return new MediaDescription
        {
            Type = fields[0],
            Port = port,
            PortCount = portCount,
            Protocol = fields[2],
            Formats = [.. fields[3..]],
        };
    }
}
