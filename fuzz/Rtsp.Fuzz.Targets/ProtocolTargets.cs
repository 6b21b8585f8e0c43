namespace Rtsp.Fuzz.Targets;

/// <summary>The fuzz targets for the wire-format core (Rtsp.Protocol), by name.</summary>
public static class ProtocolTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("rtsp-message", "incremental RTSP message parser, fed in input-chosen chunks", RtspMessageTarget.Run),
        new("cseq", "CSeq header", HeaderTargets.CSeq),
        new("session", "Session header", HeaderTargets.Session),
        new("transport", "Transport header (and TransportSpec.Validate)", HeaderTargets.Transport),
        new("range", "Range header (npt, clock, smpte)", HeaderTargets.Range),
        new("rtp-info", "RTP-Info header", HeaderTargets.RtpInfo),
        new("public", "Public header", HeaderTargets.Public),
        new("www-authenticate", "WWW-Authenticate header (and the client's answer to it)", HeaderTargets.WwwAuthenticate),
        new("authorization", "Authorization header (and the server's Digest check)", HeaderTargets.Authorization),
        new("control-url", "control URL resolution, input = base URL LF control", HeaderTargets.ControlUrlResolve),
        new("sdp", "SDP session description (parse, read, write, parse again)", SdpTarget.Run),
        new("rtp", "RTP packet (parse, serialize, parse again)", RtpTarget.Run),
        new("rtcp", "RTCP compound packet (parse, serialize, parse again)", RtcpTarget.Run),
        new("jpeg-depacketizer", "RFC 2435 depacketizer over an input-described packet sequence", JpegDepacketizerTarget.Run),
        new("jpeg-frame-info", "JFIF frame reader (accepted frames packetize and depacketize)", JpegFrameInfoTarget.Run),
        new("interleaved-demux", "interleaved $-frame demultiplexer, fed in input-chosen chunks", InterleavedDemuxTarget.Run),
        new("mjpeg-index", "MJPEG file index (MjpegFileIndex.FromBytes)", MjpegIndexTarget.Run),
    ];
}
