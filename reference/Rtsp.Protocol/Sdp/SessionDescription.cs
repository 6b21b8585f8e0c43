using System.Text;

namespace Rtsp.Protocol.Sdp;

/// <summary>
/// A session description (RFC 8866): the session-level lines and the media descriptions. Build one in code with
/// an object initializer, or read one with <see cref="Parse(string)"/>; <see cref="ToString"/> writes the lines in
/// RFC 8866 §5 order with CRLF ends, so a description in that order round-trips unchanged.
/// </summary>
public sealed class SessionDescription : SdpSection
{
    /// <summary><c>v=</c>; always 0.</summary>
    public int Version { get; set; }

    public required SdpOrigin Origin { get; set; }

    /// <summary><c>s=</c>; "-" when the session has no meaningful name (RFC 8866 §5.3).</summary>
    public string SessionName { get; set; } = "-";

    /// <summary><c>u=</c></summary>
    public string? Uri { get; set; }

    /// <summary><c>e=</c> lines.</summary>
    public List<string> Emails { get; set; } = [];

    /// <summary><c>p=</c> lines.</summary>
    public List<string> Phones { get; set; } = [];

    /// <summary>The <c>t=</c> lines (with their <c>r=</c> lines); a new description starts with <c>t=0 0</c>.</summary>
    public List<SdpTiming> Timings { get; set; } = [new SdpTiming(0, 0)];

    /// <summary><c>z=</c>, kept as written.</summary>
    public string? TimeZones { get; set; }

    public List<MediaDescription> Media { get; set; } = [];

    /// <summary>Reads a description; throws <see cref="SdpFormatException"/> naming the line and what is wrong.</summary>
    public static SessionDescription Parse(string text) => SdpParser.Parse(text);

    /// <summary>Reads a UTF-8 body (an RTSP DESCRIBE reply's).</summary>
    public static SessionDescription Parse(ReadOnlySpan<byte> utf8) => SdpParser.Parse(Encoding.UTF8.GetString(utf8));

    public static bool TryParse(string text, out SessionDescription? description, out string? error)
    {
        try
        {
            description = SdpParser.Parse(text);
            error = null;
            return true;
        }
        catch (SdpFormatException e)
        {
            description = null;
            error = e.Message;
            return false;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        AppendLine(text, 'v', Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppendLine(text, 'o', Origin.ToString());
        AppendLine(text, 's', SessionName);
        AppendLine(text, 'i', Information);
        AppendLine(text, 'u', Uri);
        Emails.ForEach(email => AppendLine(text, 'e', email));
        Phones.ForEach(phone => AppendLine(text, 'p', phone));
        AppendLine(text, 'c', Connection?.ToString());
        Bandwidths.ForEach(bandwidth => AppendLine(text, 'b', bandwidth.ToString()));
        foreach (var timing in Timings)
        {
            AppendLine(text, 't', timing.ToString());
            timing.RepeatTimes.ForEach(repeat => AppendLine(text, 'r', repeat));
        }
        AppendLine(text, 'z', TimeZones);
        AppendLine(text, 'k', EncryptionKey);
        Attributes.ForEach(attribute => AppendLine(text, 'a', attribute.ToString()));
        Media.ForEach(media => media.AppendTo(text));
        return text.ToString();
    }

    /// <summary>The UTF-8 bytes of <see cref="ToString"/>, ready for an RTSP body.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    internal static void AppendLine(StringBuilder text, char type, string? value)
    {
        if (value is not null)
        {
            text.Append(type).Append('=').Append(value).Append(SdpText.LineEnd);
        }
    }
}
