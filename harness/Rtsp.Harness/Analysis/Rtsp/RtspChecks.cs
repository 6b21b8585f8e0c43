using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Rtsp;

/// <summary>
/// The RTSP-exchange and SDP checks: judged from the requests and responses alone (so from a pcap too), or by a
/// scenario's expectation naming the check. Clauses are RFC 2326 unless named; section numbers checked against the
/// RFC text.
/// </summary>
public static class RtspChecks
{
    // Levels follow docs/CHECK-LEVELS.md: MUST only where a sentence of the RFC requires the behaviour (a MUST/REQUIRED/
    // SHALL, the ABNF, or the definition of a method or field whose violation makes the message say something false);
    // SHOULD where the text says SHOULD or names the behaviour without requiring it; ADVISORY for choices RFC 2326
    // leaves to the server.

    // Judged by RtspExchangeAnalyzer from every exchange in the run.
    // §7.1 (ABNF): "Status-Line = RTSP-Version SP Status-Code SP Reason-Phrase CRLF".
    public static readonly CheckDefinition StatusLine = new("rtsp.status-line", CheckLevel.Must, "RFC 2326 §7.1",
        "Every response starts with the status line RTSP/1.0 NNN Reason-Phrase");
    // §12.17: "This field MUST be present in all requests and responses. For every RTSP request containing the given
    // sequence number, there will be a corresponding response having the same number."
    public static readonly CheckDefinition CSeqEcho = new("rtsp.cseq.echo", CheckLevel.Must, "RFC 2326 §12.17",
        "Every response carries the CSeq of its request, verbatim");
    // §12.17 (above): every request has "a corresponding response". A connection the server closes after answering an
    // error (400, 505...) is not a missing response for the requests behind it: RFC 2326 §12.10 lets either side close
    // the transport connection ("Connection: close"), and after a request it could not parse the server cannot frame
    // what follows; ScenarioRunner reports those as not applicable.
    public static readonly CheckDefinition ResponseTimely = new("rtsp.response", CheckLevel.Must, "RFC 2326 §12.17",
        "Every request gets a response (within the run's timeout)");
    // §10.1 defers to HTTP/1.1 §9.2 (RFC 2068): "A 200 response SHOULD include any header fields that indicate optional
    // features implemented by the server (e.g., Public)". Table 3 marks Public "opt.".
    public static readonly CheckDefinition OptionsPublic = new("rtsp.options.public", CheckLevel.Should, "RFC 2326 §10.1, §12.28 (RFC 2068 §9.2)",
        "OPTIONS answers Public, listing every method the server accepted in the run");
    // §12.16 defers to HTTP [H14.18]; RFC 2068 §7.2.1: "Any HTTP/1.1 message containing an entity-body SHOULD include a
    // Content-Type header field defining the media type of that body."
    public static readonly CheckDefinition DescribeContentType = new("rtsp.describe.content-type", CheckLevel.Should, "RFC 2326 §10.2, §12.16 (RFC 2068 §7.2.1)",
        "DESCRIBE answers Content-Type: application/sdp");
    // §12.14: "Unlike HTTP, it MUST be included in all messages that carry content beyond the header portion of the
    // message." and "This field contains the length of the content of the method".
    public static readonly CheckDefinition DescribeContentLength = new("rtsp.describe.content-length", CheckLevel.Must, "RFC 2326 §12.14",
        "DESCRIBE answers a Content-Length equal to the body's length in bytes");
    public static readonly CheckDefinition DescribeContentBase = new("rtsp.describe.content-base", CheckLevel.Should, "RFC 2326 §12.11, Appendix C.1.1",
        "DESCRIBE answers Content-Base (or Content-Location) so relative a=control URLs resolve the same for every client");
    // §12.37: "A server does not have to set up a session identifier if it has other means of identifying a session,
    // such as dynamically generated URLs." Every client in use needs one, hence SHOULD.
    public static readonly CheckDefinition SetupSession = new("rtsp.setup.session", CheckLevel.Should, "RFC 2326 §10.4, §12.37",
        "A successful SETUP answers a Session header with the session identifier");
    // §12.37: the header "identifies an RTSP session started by the media server in a SETUP response and concluded by
    // TEARDOWN". No sentence requires a response to repeat it (Table 3's "req." is about what a recipient MUST
    // implement), and the scenarios judge its presence too (GStreamer answers GET_PARAMETER without it): SHOULD.
    public static readonly CheckDefinition SessionStable = new("rtsp.session.stable", CheckLevel.Should, "RFC 2326 §12.37",
        "Responses within a session carry the same session identifier SETUP gave");
    // §10.4: "the response will contain the transport parameters selected by the server" — selected among those the
    // Transport request header offered (§12.39): another lower transport or other client ports were not offered.
    public static readonly CheckDefinition SetupTransport = new("rtsp.setup.transport", CheckLevel.Must, "RFC 2326 §10.4, §12.39",
        "SETUP answers a Transport header with the lower transport asked for (RTP/AVP = UDP) and client_port echoed");
    // §12.39 describes server_port ("the unicast RTP/RTCP port pair on which the server has chosen to receive data and
    // control information") without requiring it; without it no receiver report can reach the server.
    public static readonly CheckDefinition SetupServerPort = new("rtsp.setup.server-port", CheckLevel.Should, "RFC 2326 §12.39",
        "A UDP SETUP answers server_port with the RTP and RTCP ports");
    // RFC 3550 §11: "RTP SHOULD use an even destination port number and the corresponding RTCP stream SHOULD use the
    // next higher (odd) destination port number".
    public static readonly CheckDefinition SetupServerPortParity = new("rtsp.setup.server-port-parity", CheckLevel.Should, "RFC 3550 §11",
        "server_port is an even RTP port followed by the odd RTCP port");
    // §12.39 interleaved: "The argument provides the channel number to be used in the $ statement." Nothing requires
    // the server to keep the channels asked for or to echo them; a client cannot demultiplex without them, hence SHOULD.
    public static readonly CheckDefinition SetupInterleaved = new("rtsp.setup.interleaved", CheckLevel.Should, "RFC 2326 §10.12, §12.39",
        "A TCP SETUP answers interleaved channels: the ones asked for, or assigned when none were asked for");
    // §12.29: the Range response header "indicates what range of time is actually being played"; Table 3 marks it "opt.".
    public static readonly CheckDefinition PlayRange = new("rtsp.play.range", CheckLevel.Should, "RFC 2326 §10.5, §12.29",
        "PLAY answers a Range header with the range actually played");
    // §12.33: "This field is used to set RTP-specific parameters in the PLAY response." No sentence requires it (Table 3's
    // "req." is about what a recipient MUST implement, not what a sender must send); clients need it to sync, hence SHOULD.
    public static readonly CheckDefinition PlayRtpInfo = new("rtsp.play.rtp-info", CheckLevel.Should, "RFC 2326 §12.33",
        "PLAY answers RTP-Info with url, seq and rtptime for each stream");
    // §10.5: "The PLAY request positions the normal play time to the beginning of the range specified"; §12.29: the reply's
    // Range "indicates what range of time is actually being played", so it may name the frame actually reached
    // (GStreamer answers npt=6.000346536- to npt=6-): any start within one frame (at least 50 ms) of X passes.
    public static readonly CheckDefinition PlaySeek = new("rtsp.play.seek", CheckLevel.Must, "RFC 2326 §10.5, §12.29",
        "PLAY with Range npt=X- answers a Range starting within a frame of X (the position actually played)");
    // §10.12: "The channel identifier is defined in the Transport header with the interleaved parameter"; RFC 3550 §11
    // and §12.39 put RTCP on the second channel of the pair.
    public static readonly CheckDefinition InterleavedChannels = new("rtsp.interleaved.channels", CheckLevel.Must, "RFC 2326 §10.12",
        "$ frames use only the negotiated channels: RTP on the first, RTCP on the second");
    // §10.12: "Stream data such as RTP packets is encapsulated by an ASCII dollar sign (24 hexadecimal), followed by a
    // one-byte channel identifier, followed by the length of the encapsulated binary data".
    public static readonly CheckDefinition InterleavedFraming = new("rtsp.interleaved.framing", CheckLevel.Must, "RFC 2326 §10.12",
        "The TCP stream is only $ frames and whole RTSP messages (nothing unparseable, no message inside a frame)");

    // SDP, judged from the DESCRIBE body.
    // RFC 8866 §5: "Some lines in each description are required and some are optional, but when present, they must
    // occur in the exact order given here."
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
    // RFC 2326 Appendix C.3: "If a presentation does not support aggregate control and multiple media sections are
    // specified, each section MUST have the control URL specified via the a=control: attribute."
    public static readonly CheckDefinition SdpControl = new("sdp.control", CheckLevel.Must, "RFC 2326 Appendix C.1.1, C.3",
        "Every media section has a=control (a URL or a relative path resolved against Content-Base)");
    public static readonly CheckDefinition SdpRange = new("sdp.range", CheckLevel.Should, "RFC 2326 Appendix C.1.5",
        "a=range:npt=0-<duration> for stored media, npt=now- for live");

    // Judged by scenario expectations (a scenario step names the check).
    public static readonly CheckDefinition ScenarioExpect = new(Scenarios.Expectation.DefaultCheckId, CheckLevel.Must, "scenario file",
        "The scenario's own expectation about a response holds");
    public static readonly CheckDefinition ScenarioMedia = new("scenario.media", CheckLevel.Must, "scenario file",
        "Media flows as the scenario expects (frame counts over a window)");
    // §12.17 makes CSeq mandatory in requests; which status answers a request without it is not written (HTTP's 400
    // "could not be understood ... due to malformed syntax" fits): SHOULD.
    public static readonly CheckDefinition Status400NoCSeq = new("rtsp.status.400", CheckLevel.Should, "RFC 2326 §12.17, §11.2 (RFC 2068 §10.4.1)",
        "A request without CSeq (or with a malformed request line) gets 400 Bad Request");
    // §7.1.1 lists 404 Not Found; no sentence requires it over another 4xx (403, 410): SHOULD.
    public static readonly CheckDefinition Status404 = new("rtsp.status.404", CheckLevel.Should, "RFC 2326 §7.1.1",
        "DESCRIBE of a path that does not exist gets 404 Not Found");
    // §11.3.5 defines 454 ("The RTSP session identifier in the Session header is missing, invalid, or has timed out")
    // without requiring it: SHOULD.
    public static readonly CheckDefinition Status454 = new("rtsp.status.454", CheckLevel.Should, "RFC 2326 §11.3.5, §12.37",
        "A request with an unknown or missing session identifier gets 454 Session Not Found");
    // §11.3.6: "The client or server cannot process this request in its current state. The response SHOULD contain an
    // Allow header"; no sentence requires 455. PLAY/PAUSE with no Session at all also fits §11.3.5's 454 ("the session
    // identifier in the Session header is missing"), which GStreamer answers: a defensible reading, not a violation.
    public static readonly CheckDefinition Status455 = new("rtsp.status.455", CheckLevel.Should, "RFC 2326 §11.3.6, §11.3.5, Appendix A",
        "A method not valid in the session's state (PLAY before SETUP...) gets 455 Method Not Valid in This State");
    // §11.3.8: "The Range value given is out of bounds, e.g., beyond the end of the presentation." Defined, not required.
    public static readonly CheckDefinition Status457 = new("rtsp.status.457", CheckLevel.Should, "RFC 2326 §11.3.8",
        "A Range beyond the presentation gets 457 Invalid Range");
    // §11.3.10 defines 459; nothing requires it.
    public static readonly CheckDefinition Status459 = new("rtsp.status.459", CheckLevel.Should, "RFC 2326 §11.3.10",
        "A stream-only method on the aggregate URL gets 459 Aggregate Operation Not Allowed");
    // §11.3.12: "The Transport field did not contain a supported transport specification." Defined, not required.
    public static readonly CheckDefinition Status461 = new("rtsp.status.461", CheckLevel.Should, "RFC 2326 §11.3.12",
        "A Transport the server cannot do gets 461 Unsupported Transport");
    // §10 notes on Table 2: "If a server does not support a particular method, it MUST return "501 Not Implemented"".
    // That sentence would make this a MUST; it stays SHOULD until the lead decides (GStreamer answers 400).
    public static readonly CheckDefinition Status501 = new("rtsp.status.501", CheckLevel.Should, "RFC 2326 §7.1.1",
        "An unknown method gets 501 Not Implemented (some servers answer 400: a deviation)");
    // §7.1.1 lists 505 RTSP Version Not Supported; no sentence requires it.
    public static readonly CheckDefinition Status505 = new("rtsp.status.505", CheckLevel.Should, "RFC 2326 §7.1.1, §11.3.15",
        "A request with an unsupported RTSP version gets 505 RTSP Version Not Supported");
    // §12.32: "The server MUST respond to this header by using the Unsupported header to negatively acknowledge those
    // options which are NOT supported."
    public static readonly CheckDefinition Status551 = new("rtsp.status.551", CheckLevel.Must, "RFC 2326 §11.3.14, §12.32",
        "An unknown Require option gets 551 Option Not Supported with an Unsupported header naming it");
    // §12.39 destination: a server directing media to an address the client did not prove its own "SHOULD authenticate
    // the client and SHOULD log such attempts"; §15 names the denial-of-service risk. SHOULD.
    public static readonly CheckDefinition SetupDestination = new("rtsp.setup.destination", CheckLevel.Should, "RFC 2326 §15, §12.39",
        "A destination= other than the requester is refused (no media to third parties)");
    // §12.37: the timeout parameter "is only allowed in a response header"; sent when not the default, else assumed 60 s.
    public static readonly CheckDefinition SessionTimeoutParam = new("rtsp.session.timeout-param", CheckLevel.Should, "RFC 2326 §12.37",
        "Session carries ;timeout= when the timeout is not the default 60 s");
    // §12.37: the timeout tells "how long the server is prepared to wait between RTSP commands before closing the
    // session"; which requests (GET_PARAMETER, OPTIONS without Session) refresh it RFC 2326 does not say (§10.8 only
    // suggests GET_PARAMETER as a "ping"): SHOULD.
    public static readonly CheckDefinition SessionKeepAlive = new("rtsp.session.keepalive", CheckLevel.Should, "RFC 2326 §10.8, §12.37",
        "Requests within the timeout (GET_PARAMETER, OPTIONS) keep the session alive");
    public static readonly CheckDefinition SessionExpiry = new("rtsp.session.expiry", CheckLevel.Should, "RFC 2326 §12.37",
        "An idle session is destroyed after its timeout (later requests get 454)");
    // §10.7: after a TEARDOWN of the presentation "any RTSP session identifier associated with the session is no longer
    // valid".
    public static readonly CheckDefinition TeardownGone = new("rtsp.teardown.session-gone", CheckLevel.Must, "RFC 2326 §10.7",
        "After TEARDOWN the session is gone: later requests on it get 454");
    // §10.6: "The PAUSE request causes the stream delivery to be interrupted (halted) temporarily." A 200 to PAUSE with
    // delivery going on says something false (definition). Judged once, by SilenceAnalyzer (expect_rtp silence windows
    // only mark where the scenario waits).
    public static readonly CheckDefinition PauseSilence = new("rtsp.pause.silence", CheckLevel.Must, "RFC 2326 §10.6",
        "No RTP later than the grace time after a successful PAUSE response");
    // §10.7: "The TEARDOWN request stops the stream delivery for the given URI, freeing the resources associated with it."
    public static readonly CheckDefinition TeardownSilence = new("rtsp.teardown.silence", CheckLevel.Must, "RFC 2326 §10.7",
        "No RTP later than the grace time after a successful TEARDOWN response");
    // RFC 2326 §1.1: "An RTSP session is in no way tied to a transport-level connection." A description, no MUST.
    public static readonly CheckDefinition SessionAcrossConnections = new("rtsp.session.connection", CheckLevel.Should, "RFC 2326 §1.1, §12.37",
        "A UDP session outlives its TCP connection: a request on a new connection with its Session id reaches it");
    // §10.5: "If a stream has been paused via PAUSE, stream delivery resumes at the pause point." RFC 3550 §5.1: "The
    // sequence number increments by one for each RTP data packet sent". The RTP clock during the pause is not here.
    // Neither sentence says MUST (a live source cannot resume at its pause point at all): SHOULD.
    public static readonly CheckDefinition ResumeContinuity = new("rtsp.pause.resume", CheckLevel.Should, "RFC 2326 §10.5, §10.6, RFC 3550 §5.1",
        "PLAY without Range after PAUSE resumes the same stream: the first packet's seq follows the last one before the PAUSE by 1");
    // RFC 2326 says nothing of the RTP clock while paused: one server resumes the timestamps a frame after the pause
    // point, another lets them run with wall-clock time (both keep RFC 3550 §5.1's monotonic clock). A design choice.
    public static readonly CheckDefinition ResumeClock = new("rtsp.pause.resume-clock", CheckLevel.Advisory, "RFC 2326 §10.6 (not specified)",
        "After the resume, RTP timestamps continue a frame or so after the pause point rather than jumping by the pause length");
    // §10.5: "The PLAY request positions the normal play time to the beginning of the range specified".
    public static readonly CheckDefinition SeekPosition = new("rtsp.play.seek-position", CheckLevel.Must, "RFC 2326 §10.5",
        "After a seek, media starts at the requested position (frame counts to the end of the clip match)");
    // §11.3.7 / §11.3.8 define 456 and 457; nothing requires either for a seek on live media.
    public static readonly CheckDefinition LiveSeek = new("rtsp.play.live-seek", CheckLevel.Should, "RFC 2326 §11.3.7, §11.3.8, Appendix C.1.5",
        "A seek on live media (a=range:npt=now-) is refused with 457 Invalid Range or 456 Header Field Not Valid for Resource, and the stream plays on");
    public static readonly CheckDefinition Replay = new("rtsp.play.replay", CheckLevel.Should, "RFC 2326 §10.5, Appendix A",
        "A PLAY with Range after the end of the presentation plays again");
    public static readonly CheckDefinition ParseRobust = new("rtsp.parse.robust", CheckLevel.Should, "RFC 2326 §4, §4.2",
        "Requests are understood with lower-case header names, bare LF line ends, split across writes or pipelined");
    // Appendix C.1.1: a=control "indicates the URL to be used for controlling that particular media stream"; relative
    // URLs resolve against Content-Base (§12.11, RFC 3986 §5).
    public static readonly CheckDefinition ControlUrl = new("rtsp.control-url", CheckLevel.Must, "RFC 2326 Appendix C.1.1, RFC 3986 §5",
        "SETUP on a=control resolved against Content-Base succeeds");
    // RFC 2068 §10.4.2 (401, which RFC 2326 §11 inherits): "The response MUST include a WWW-Authenticate header field".
    public static readonly CheckDefinition AuthChallenge = new("rtsp.auth.challenge", CheckLevel.Must, "RFC 2326 §7.1.1 (401), §12.44",
        "Without credentials a protected resource gets 401 with WWW-Authenticate (Basic or Digest)");
    // RFC 2617 §3.2.2 / §2: credentials that verify give access to the protection space.
    public static readonly CheckDefinition AuthSuccess = new("rtsp.auth.success", CheckLevel.Must, "RFC 2326 §12.5, RFC 2617",
        "With valid credentials the same request succeeds");
    // §12.37 / §3.4: a session identifier identifies one session; two sessions with one identifier are indistinguishable.
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
        PauseSilence, TeardownSilence, ResumeContinuity, ResumeClock, SessionAcrossConnections, SeekPosition, LiveSeek, Replay, ParseRobust, ControlUrl, AuthChallenge, AuthSuccess,
        ConcurrentSessions,
    ];
}
