using System.Text;
using Rtsp.Protocol;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The SDP parser (RFC 8866) on a DESCRIBE body. Accepted descriptions are read the way the client reads them
/// (control, rtpmap, framerate, fmtp, range) and written again; the written text must parse again, since the
/// server and the harness round-trip real bodies.
/// </summary>
public static class SdpTarget
{
    public static void Run(byte[] input)
    {
        var accepted = SessionDescription.TryParse(Encoding.UTF8.GetString(input), out _, out _);
        SessionDescription sdp;
        try
        {
            sdp = SessionDescription.Parse(input);
        }
        catch (ProtocolFormatException)
        {
            if (accepted)
            {
                throw new InvalidOperationException("Parse rejects a description TryParse accepts");
            }
            return;
        }
        if (!accepted)
        {
            throw new InvalidOperationException("Parse accepts a description TryParse rejects");
        }

        Read(sdp);
        foreach (var media in sdp.Media)
        {
            Read(media);
            _ = media.RtpMaps.Count;
            _ = media.FrameRate;
            _ = media.Fmtp.Count;
        }
        var written = sdp.ToString();
        try
        {
            _ = SessionDescription.Parse(written);
        }
        catch (ProtocolFormatException e)
        {
            throw new InvalidOperationException($"a description the parser accepted writes text it rejects: {e.Message}", e);
        }
    }

    private static void Read(SdpSection section)
    {
        _ = section.Control;
        if (section.RangeAttribute is { } range)
        {
            _ = RangeHeader.TryParse(range, out _);
        }
    }
}
