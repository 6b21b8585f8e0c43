using System.Globalization;
using System.Net;
using Rtsp.Media;
using Rtsp.Protocol.Sdp;
using Rtsp.Server.Streaming;

namespace Rtsp.Server.Handling;

/// <summary>
/// The SDP a DESCRIBE returns (RFC 2326 Appendix C, RFC 2435 3, RFC 6184 8.2.1): one video track, static payload
/// type 26 with its rtpmap for JPEG, or dynamic type 96 with a=rtpmap:96 H264/90000 and an a=fmtp giving
/// packetization-mode=1, profile-level-id and sprop-parameter-sets for H.264; a=framerate, a=range (npt=0-duration for stored media, npt=now- for live), a=control:* at
/// session level (aggregate control) and a=control:stream=0 on the track.
/// </summary>
public static class StreamDescription
{
    /// <param name="withParameterSets">false leaves sprop-parameter-sets out (the h264-no-parameter-sets fault).</param>
    public static SessionDescription Build(IMediaSource source, IPAddress serverAddress, bool withParameterSets = true)
    {
        string range = source is IStoredMediaSource stored
            ? "npt=0-" + stored.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)
            : "npt=now-";
        int payloadType = RtpStreamer.PayloadTypeOf(source.Codec);
        var media = new MediaDescription("video", 0, "RTP/AVP", payloadType.ToString(CultureInfo.InvariantCulture));
        if (source is IH264MediaSource h264)
        {
            media.AddRtpMap(new SdpRtpMap(payloadType, "H264", RtpStreamer.ClockRate));
            media.Attributes.Add(new SdpAttribute("fmtp", $"{payloadType} {H264Format(h264.ParameterSets, withParameterSets)}"));
        }
        else
        {
            media.AddRtpMap(new SdpRtpMap(payloadType, "JPEG", RtpStreamer.ClockRate));
        }
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

    /// <summary>
    /// RFC 6184 8.1 parameters: packetization-mode=1 (non-interleaved: single NAL units, STAP-A, FU-A are sent),
    /// profile-level-id from the SPS, and sprop-parameter-sets so a receiver can decode from the first keyframe
    /// even if it missed the in-band SPS/PPS.
    /// </summary>
    private static string H264Format(H264ParameterSets parameterSets, bool withParameterSets)
    {
        string format = $"packetization-mode=1;profile-level-id={parameterSets.ProfileLevelId}";
        return withParameterSets ? $"{format};sprop-parameter-sets={parameterSets.SpropParameterSets}" : format;
    }
}
