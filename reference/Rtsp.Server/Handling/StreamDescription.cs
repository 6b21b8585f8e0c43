using System.Globalization;
using System.Net;
using Rtsp.Media;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Streaming;

namespace Rtsp.Server.Handling;

/// <summary>
/// The SDP a DESCRIBE returns (RFC 2326 Appendix C, RFC 2435 3): one video track, static payload type 26 with
/// its rtpmap, a=framerate, a=range (npt=0-duration for stored media, npt=now- for live), a=control:* at
/// session level (aggregate control) and a=control:stream=0 on the track.
/// </summary>
public static class StreamDescription
{
    public static SessionDescription Build(IMediaSource source, IPAddress serverAddress)
    {
        string range = source is IStoredMediaSource stored
            ? "npt=0-" + stored.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)
            : "npt=now-";
        var media = new MediaDescription("video", 0, "RTP/AVP", RtpStreamer.JpegPayloadType.ToString(CultureInfo.InvariantCulture));
        media.AddRtpMap(new SdpRtpMap(RtpStreamer.JpegPayloadType, "JPEG", RtpStreamer.ClockRate));
        media.Attributes.Add(new SdpAttribute("framerate", source.FrameRate.ToString("0.###", CultureInfo.InvariantCulture)));
        media.Attributes.Add(new SdpAttribute("control", RequestTarget.TrackControl));
        var sdp = new SessionDescription
        {
            Origin = SdpOrigin.Create((ulong)Environment.TickCount64, 1, serverAddress.ToString()),
            SessionName = source.Path,
            Connection = SdpConnection.IPv4("0.0.0.0"),
            Attributes = [new SdpAttribute("tool", "rtsp-ref"), new SdpAttribute("control", "*"), new SdpAttribute("range", range)],
            Media = [media],
        };
        media.Attributes.Insert(0, new SdpAttribute("range", range));
        return sdp;
    }
}
