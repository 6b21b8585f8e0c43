
namespace Rtsp.Protocol.Sdp;

/// <summary>
/// Reads RFC 8866 text line by line. Strict where a mistake changes meaning (v= first, known line types, field
/// counts, numbers), lenient where real servers vary (CRLF or bare LF, blank lines, the order of lines within a
/// section, a missing t=).
/// </summary>
internal static class SdpParser
{
    private const string KnownTypes = "vosiuepcbtrzkam";

    public static SessionDescription Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        SessionDescription? session = null;
        MediaDescription? media = null;
        string? sessionName = null;

        for (int index = 0; index < lines.Length; index++)
        {
            int number = index + 1;
            var line = lines[index].EndsWith('\r') ? lines[index][..^1] : lines[index];
            if (line.Length == 0)
            {
                continue;
            }
            if (line.Length < 2 || line[1] != '=')
            {
                throw new SdpFormatException(number, $"expected '<type>=<value>' with a one-letter type and no space before '='; got '{SdpText.Excerpt(line)}'.");
            }
            char type = line[0];
            string value = line[2..];
            if (!KnownTypes.Contains(type, StringComparison.Ordinal))
            {
                throw new SdpFormatException(number, $"unknown line type '{SdpText.Excerpt(type.ToString())}='; RFC 8866 §5 defines only v o s i u e p c b t r z k a m.");
            }
            if (session is null)
            {
                if (type != 'v')
                {
                    throw new SdpFormatException(number, $"a session description must start with v=0 (RFC 8866 §5.1); the first line is '{type}='.");
                }
                if (value != "0")
                {
                    throw new SdpFormatException(number, $"v= must be 0 (RFC 8866 §5.1); got '{SdpText.Excerpt(value)}'.");
                }
                session = new SessionDescription { Origin = null!, Timings = [] };
                continue;
            }
            if (media is not null)
            {
                media = ParseMediaLine(session, media, type, value, number);
                continue;
            }
            switch (type)
            {
                case 'v':
                    throw new SdpFormatException(number, "second v= line; one description per body.");
                case 'o':
                    EnsureOnce(session.Origin, type, number);
                    session.Origin = SdpOrigin.Parse(value, number);
                    break;
                case 's':
                    EnsureOnce(sessionName, type, number);
                    sessionName = value;
                    break;
                case 'i':
                    EnsureOnce(session.Information, type, number);
                    session.Information = value;
                    break;
                case 'u':
                    EnsureOnce(session.Uri, type, number);
                    session.Uri = value;
                    break;
                case 'e':
                    session.Emails.Add(value);
                    break;
                case 'p':
                    session.Phones.Add(value);
                    break;
                case 'c':
                    EnsureOnce(session.Connection, type, number);
                    session.Connection = SdpConnection.Parse(value, number);
                    break;
                case 'b':
                    session.Bandwidths.Add(SdpBandwidth.Parse(value, number));
                    break;
                case 't':
                    session.Timings.Add(SdpTiming.Parse(value, number));
                    break;
                case 'r':
                    if (session.Timings.Count == 0)
                    {
                        throw new SdpFormatException(number, "r= must follow a t= line (RFC 8866 §5.10).");
                    }
                    session.Timings[^1].RepeatTimes.Add(value);
                    break;
                case 'z':
                    EnsureOnce(session.TimeZones, type, number);
                    session.TimeZones = value;
                    break;
                case 'k':
                    EnsureOnce(session.EncryptionKey, type, number);
                    session.EncryptionKey = value;
                    break;
                case 'a':
                    session.Attributes.Add(ParseAttribute(value, number));
                    break;
                case 'm':
                    media = MediaDescription.ParseMediaLine(value, number);
                    session.Media.Add(media);
                    break;
            }
        }

        if (session is null)
        {
            throw new SdpFormatException(1, "empty session description; it must start with v=0.");
        }
        int end = lines.Length;
        if (session.Origin is null)
        {
            throw new SdpFormatException(end, "no o= line; RFC 8866 §5.2 requires the origin.");
        }
        session.SessionName = sessionName ?? throw new SdpFormatException(end, "no s= line; RFC 8866 §5.3 requires a session name ('s=-' if none).");
        return session;
    }

    private static MediaDescription ParseMediaLine(SessionDescription session, MediaDescription media, char type, string value, int number)
    {
        switch (type)
        {
            case 'm':
                var next = MediaDescription.ParseMediaLine(value, number);
                session.Media.Add(next);
                return next;
            case 'i':
                EnsureOnce(media.Information, type, number);
                media.Information = value;
                break;
            case 'c':
                EnsureOnce(media.Connection, type, number);
                media.Connection = SdpConnection.Parse(value, number);
                break;
            case 'b':
                media.Bandwidths.Add(SdpBandwidth.Parse(value, number));
                break;
            case 'k':
                EnsureOnce(media.EncryptionKey, type, number);
                media.EncryptionKey = value;
                break;
            case 'a':
                media.Attributes.Add(ParseAttribute(value, number));
                break;
            default:
                throw new SdpFormatException(number, $"{type}= is a session-level line and cannot follow m= (RFC 8866 §5).");
        }
        return media;
    }

    private static SdpAttribute ParseAttribute(string value, int number)
    {
        if (value.Length == 0 || value[0] == ':')
        {
            throw new SdpFormatException(number, "a= has no attribute name.");
        }
        var attribute = SdpAttribute.Parse(value);
        SdpAttributeValues.Validate(attribute, number);
        return attribute;
    }

    private static void EnsureOnce(object? existing, char type, int number)
    {
        if (existing is not null)
        {
            throw new SdpFormatException(number, $"second {type}= line at the same level; RFC 8866 §5 allows one.");
        }
    }
}
