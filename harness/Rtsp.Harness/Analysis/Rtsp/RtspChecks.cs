using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Rtsp;

/// <summary>
/// The RTSP-exchange and SDP checks: judged from the requests and responses alone (so from a pcap too), or by a
/// scenario's expectation naming the check. Clauses are RFC 2326 unless named; section numbers checked against the
/// RFC text.
/// </summary>
public static class RtspChecks
{
    // Judged by RtspExchangeAnalyzer from every exchange in the run.
    public static readonly CheckDefinition StatusLine = new("rtsp.status-line", CheckLevel.Must, "RFC 2326 §7.1",
        "Every response starts with the status line RTSP/1.0 NNN Reason-Phrase");
    public static readonly CheckDefinition CSeqEcho = new("rtsp.cseq.echo", CheckLevel.Must, "RFC 2326 §12.17",
        "Every response carries the CSeq of its request, verbatim");
    public static readonly CheckDefinition ResponseTimely = new("rtsp.response", CheckLevel.Must, "RFC 2326 §7",
        "Every request gets a response (within the run's timeout)");
    public static readonly CheckDefinition OptionsPublic = new("rtsp.options.public", CheckLevel.Must, "RFC 2326 §10.1, §12.28",
        "OPTIONS answers Public, listing every method the server accepted in the run");
    public static readonly CheckDefinition DescribeContentType = new("rtsp.describe.content-type", CheckLevel.Must, "RFC 2326 §10.2, §12.16",
        "DESCRIBE answers Content-Type: application/sdp");
    public static readonly CheckDefinition DescribeContentLength = new("rtsp.describe.content-length", CheckLevel.Must, "RFC 2326 §12.14",
        "DESCRIBE answers a Content-Length equal to the body's length in bytes");
    public static readonly CheckDefinition DescribeContentBase = new("rtsp.describe.content-base", CheckLevel.Should, "RFC 2326 §12.11, Appendix C.1.1",
        "DESCRIBE answers Content-Base (or Content-Location) so relative a=control URLs resolve the same for every client");
    public static readonly CheckDefinition SetupSession = new("rtsp.setup.session", CheckLevel.Must, "RFC 2326 §10.4, §12.37",
        "A successful SETUP answers a Session header with the session identifier");
    public static readonly CheckDefinition SessionStable = new("rtsp.session.stable", CheckLevel.Must, "RFC 2326 §12.37",
        "Responses within a session carry the same session identifier SETUP gave");
    public static readonly CheckDefinition SetupTransport = new("rtsp.setup.transport", CheckLevel.Must, "RFC 2326 §10.4, §12.39",
        "SETUP answers a Transport header with the lower transport asked for (RTP/AVP = UDP) and client_port echoed");
    public static readonly CheckDefinition SetupServerPort = new("rtsp.setup.server-port", CheckLevel.Must, "RFC 2326 §12.39",
        "A UDP SETUP answers server_port with the RTP and RTCP ports");
    public static readonly CheckDefinition SetupServerPortParity = new("rtsp.setup.server-port-parity", CheckLevel.Should, "RFC 3550 §11",
        "server_port is an even RTP port followed by the odd RTCP port");
    public static readonly CheckDefinition SetupInterleaved = new("rtsp.setup.interleaved", CheckLevel.Must, "RFC 2326 §10.12, §12.39",
        "A TCP SETUP answers interleaved channels: the ones asked for, or assigned when none were asked for");
    public static readonly CheckDefinition PlayRange = new("rtsp.play.range", CheckLevel.Should, "RFC 2326 §10.5, §12.29",
        "PLAY answers a Range header with the range actually played");
    public static readonly CheckDefinition PlayRtpInfo = new("rtsp.play.rtp-info", CheckLevel.Must, "RFC 2326 §12.33",
        "PLAY answers RTP-Info with url, seq and rtptime for each stream");
    public static readonly CheckDefinition PlaySeek = new("rtsp.play.seek", CheckLevel.Must, "RFC 2326 §10.5, §12.29",
        "PLAY with Range npt=X- answers a Range starting at X (nearest frame)");
    public static readonly CheckDefinition InterleavedChannels = new("rtsp.interleaved.channels", CheckLevel.Must, "RFC 2326 §10.12",
        "$ frames use only the negotiated channels: RTP on the first, RTCP on the second");
    public static readonly CheckDefinition InterleavedFraming = new("rtsp.interleaved.framing", CheckLevel.Must, "RFC 2326 §10.12",
        "The TCP stream is only $ frames and whole RTSP messages (nothing unparseable, no message inside a frame)");

    // SDP, judged from the DESCRIBE body.
    public static readonly CheckDefinition SdpStructure = new("sdp.structure", CheckLevel.Must, "RFC 8866 §5",
        "The SDP parses: v, o (6 fields), s, t, m lines in order");
    public static readonly CheckDefinition SdpLineEndings = new("sdp.crlf", CheckLevel.Should, "RFC 8866 §5",
        "SDP lines end with CRLF");
    // RFC 8866 §5.14: for RTP/AVP the <fmt> sub-fields are payload type numbers, and "For dynamic payload type
    // assignments the "a=rtpmap:" attribute (see Section 6.6) SHOULD be used to map from an RTP payload type number
    // to a media encoding name"; RFC 3551 §6 assigns the static ones. Which codec is no concern of this check: the
    // payload analyzers judge the formats they know, and an unknown one is never a failure.
    public static readonly CheckDefinition SdpMediaFormat = new("sdp.media.format", CheckLevel.Should, "RFC 8866 §5.14, §6.6, RFC 3551 §6",
        "Every RTP payload type in an m= line is a static RFC 3551 type or mapped to an encoding by a=rtpmap");
    public static readonly CheckDefinition SdpControl = new("sdp.control", CheckLevel.Must, "RFC 2326 Appendix C.1.1, C.3",
        "Every media section has a=control (a URL or a relative path resolved against Content-Base)");
    public static readonly CheckDefinition SdpRange = new("sdp.range", CheckLevel.Should, "RFC 2326 Appendix C.1.5",
        "a=range:npt=0-<duration> for stored media, npt=now- for live");

    // Judged by scenario expectations (a scenario step names the check).
    public static readonly CheckDefinition ScenarioExpect = new(Scenarios.Expectation.DefaultCheckId, CheckLevel.Must, "scenario file",
        "The scenario's own expectation about a response holds");
    public static readonly CheckDefinition ScenarioMedia = new("scenario.media", CheckLevel.Must, "scenario file",
        "Media flows as the scenario expects (frame counts over a window)");
    public static readonly CheckDefinition Status400NoCSeq = new("rtsp.status.400", CheckLevel.Must, "RFC 2326 §12.17",
        "A request without CSeq (or with a malformed request line) gets 400 Bad Request");
    public static readonly CheckDefinition Status404 = new("rtsp.status.404", CheckLevel.Must, "RFC 2326 §7.1.1",
        "DESCRIBE of a path that does not exist gets 404 Not Found");
    public static readonly CheckDefinition Status454 = new("rtsp.status.454", CheckLevel.Must, "RFC 2326 §11.3.5, §12.37",
        "A request with an unknown or missing session identifier gets 454 Session Not Found");
    public static readonly CheckDefinition Status455 = new("rtsp.status.455", CheckLevel.Must, "RFC 2326 §11.3.6, Appendix A",
        "A method not valid in the session's state (PLAY before SETUP...) gets 455 Method Not Valid in This State");
    public static readonly CheckDefinition Status457 = new("rtsp.status.457", CheckLevel.Must, "RFC 2326 §11.3.8",
        "A Range beyond the presentation gets 457 Invalid Range");
    public static readonly CheckDefinition Status459 = new("rtsp.status.459", CheckLevel.Should, "RFC 2326 §11.3.10",
        "A stream-only method on the aggregate URL gets 459 Aggregate Operation Not Allowed");
    public static readonly CheckDefinition Status461 = new("rtsp.status.461", CheckLevel.Must, "RFC 2326 §11.3.12",
        "A Transport the server cannot do gets 461 Unsupported Transport");
    public static readonly CheckDefinition Status501 = new("rtsp.status.501", CheckLevel.Should, "RFC 2326 §7.1.1",
        "An unknown method gets 501 Not Implemented (some servers answer 400: a deviation)");
    public static readonly CheckDefinition Status505 = new("rtsp.status.505", CheckLevel.Must, "RFC 2326 §7.1.1",
        "A request with an unsupported RTSP version gets 505 RTSP Version Not Supported");
    public static readonly CheckDefinition Status551 = new("rtsp.status.551", CheckLevel.Must, "RFC 2326 §11.3.14, §12.32",
        "An unknown Require option gets 551 Option Not Supported with an Unsupported header naming it");
    public static readonly CheckDefinition SetupDestination = new("rtsp.setup.destination", CheckLevel.Must, "RFC 2326 §15, §12.39",
        "A destination= other than the requester is refused (no media to third parties)");
    public static readonly CheckDefinition SessionTimeoutParam = new("rtsp.session.timeout-param", CheckLevel.Should, "RFC 2326 §12.37",
        "Session carries ;timeout= when the timeout is not the default 60 s");
    public static readonly CheckDefinition SessionKeepAlive = new("rtsp.session.keepalive", CheckLevel.Must, "RFC 2326 §10.8, §12.37",
        "Requests within the timeout (GET_PARAMETER, OPTIONS) keep the session alive");
    public static readonly CheckDefinition SessionExpiry = new("rtsp.session.expiry", CheckLevel.Should, "RFC 2326 §12.37",
        "An idle session is destroyed after its timeout (later requests get 454)");
    public static readonly CheckDefinition TeardownGone = new("rtsp.teardown.session-gone", CheckLevel.Must, "RFC 2326 §10.7",
        "After TEARDOWN the session is gone: later requests on it get 454");
    public static readonly CheckDefinition PauseSilence = new("rtsp.pause.silence", CheckLevel.Must, "RFC 2326 §10.6",
        "After PAUSE (plus a grace time) no RTP arrives");
    public static readonly CheckDefinition TeardownSilence = new("rtsp.teardown.silence", CheckLevel.Must, "RFC 2326 §10.7",
        "After TEARDOWN (plus a grace time) no RTP arrives");
    public static readonly CheckDefinition ResumeContinuity = new("rtsp.pause.resume", CheckLevel.Must, "RFC 2326 §10.6",
        "PLAY without Range after PAUSE resumes at the pause point: seq +1, timestamps continue");
    public static readonly CheckDefinition SeekPosition = new("rtsp.play.seek-position", CheckLevel.Must, "RFC 2326 §10.5",
        "After a seek, media starts at the requested position (frame counts to the end of the clip match)");
    public static readonly CheckDefinition LiveSeek = new("rtsp.play.live-seek", CheckLevel.Should, "RFC 2326 §11.3.7, §11.3.8, Appendix C.1.5",
        "A seek on live media (a=range:npt=now-) is refused with 457 Invalid Range or 456 Header Field Not Valid for Resource, and the stream plays on");
    public static readonly CheckDefinition Replay = new("rtsp.play.replay", CheckLevel.Should, "RFC 2326 §10.5, Appendix A",
        "A PLAY with Range after the end of the presentation plays again");
    public static readonly CheckDefinition ParseRobust = new("rtsp.parse.robust", CheckLevel.Should, "RFC 2326 §4, §4.2",
        "Requests are understood with lower-case header names, bare LF line ends, split across writes or pipelined");
    public static readonly CheckDefinition ControlUrl = new("rtsp.control-url", CheckLevel.Must, "RFC 2326 Appendix C.1.1, RFC 3986 §5",
        "SETUP on a=control resolved against Content-Base succeeds");
    public static readonly CheckDefinition AuthChallenge = new("rtsp.auth.challenge", CheckLevel.Must, "RFC 2326 §7.1.1 (401), §12.44",
        "Without credentials a protected resource gets 401 with WWW-Authenticate (Basic or Digest)");
    public static readonly CheckDefinition AuthSuccess = new("rtsp.auth.success", CheckLevel.Must, "RFC 2326 §12.5, RFC 2617",
        "With valid credentials the same request succeeds");
    public static readonly CheckDefinition ConcurrentSessions = new("rtsp.session.concurrent", CheckLevel.Must, "RFC 2326 §12.37",
        "Sessions at once get distinct identifiers and each its own media");

    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        StatusLine, CSeqEcho, ResponseTimely, OptionsPublic, DescribeContentType, DescribeContentLength, DescribeContentBase,
        SetupSession, SessionStable, SetupTransport, SetupServerPort, SetupServerPortParity, SetupInterleaved, PlayRange,
        PlayRtpInfo, PlaySeek, InterleavedChannels, InterleavedFraming,
        SdpStructure, SdpLineEndings, SdpMediaFormat, SdpControl, SdpRange,
        ScenarioExpect, ScenarioMedia, Status400NoCSeq, Status404, Status454, Status455, Status457, Status459, Status461,
        Status501, Status505, Status551, SetupDestination, SessionTimeoutParam, SessionKeepAlive, SessionExpiry, TeardownGone,
        PauseSilence, TeardownSilence, ResumeContinuity, SeekPosition, LiveSeek, Replay, ParseRobust, ControlUrl, AuthChallenge, AuthSuccess,
        ConcurrentSessions,
    ];
}
