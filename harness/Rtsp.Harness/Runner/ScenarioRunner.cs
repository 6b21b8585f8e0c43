using System.Globalization;
using System.Net;
using System.Text;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Analysis.Rtsp;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Packets;
using Rtsp.Harness.Analysis.Robustness;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner.Robustness;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Scenarios.Steps;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Runs one scenario over one media transport against a target: executes the steps in order on real sockets,
/// judges each step's expectations, and returns everything the analyzers and the report need. A hung or silent
/// server costs at most the request timeout per request: nothing here waits without a bound.
/// </summary>
public sealed class ScenarioRunner(TimeSpan requestTimeout)
{
    /// <summary>Statuses with which a target declines something it does not do (RFC 2326 §7.1.1, §11.3.12, §11.3.14).</summary>
    private static readonly int[] DeclineStatuses = [405, 501, 461, 551];

    /// <summary>In a PLAY step's header rules: where the step's range starts, resolved per target.</summary>
    public const string NptStartPlaceholder = "{npt_start}";

    /// <summary>In a PLAY step's header rules: the presentation's length (a=range end), resolved per target.</summary>
    public const string NptEndPlaceholder = "{npt_end}";

    public TimeSpan RequestTimeout { get; } = requestTimeout;

    /// <param name="clientPorts">Where UDP receivers bind (the capture filter names it); null = a random window.</param>
    public ScenarioExecution Run(Scenario scenario, string transport, TargetInfo target, ClientPortRange? clientPorts = null, CancellationToken cancellation = default)
    {
        var state = new RunState(scenario, transport, target, RequestTimeout, clientPorts ?? ClientPortRange.Random(), cancellation);
        string? notSupported = null;
        string? stopped = null;
        try
        {
            var healthy = scenario.Healthy is { } companion
                ? HealthyCompanion.Start(companion, state.Session(HealthyCompanion.SessionName), step => ExecuteRequest(state, step))
                : null;
            foreach (var step in scenario.Steps)
            {
                Execute(state, step);
            }

            if (healthy is not null)
            {
                state.Results.Add(healthy.Judge(state.Session(HealthyCompanion.SessionName), state.FrameRate));
            }

            JudgeConcurrentSessions(state);
        }
        catch (ScenarioStoppedException e) when (e.NotSupported)
        {
            notSupported = e.Message;
        }
        catch (ScenarioStoppedException e)
        {
            stopped = e.Message;
        }
        catch (OperationCanceledException)
        {
            stopped = "the scenario ran out of time";
        }

        if (state.MainSession is { } main)
        {
            // The analyzers' nominal rate: the target's (a=framerate or measured), not our sample's.
            state.MeasureFrameRate(main);
        }

        var execution = new ScenarioExecution(
            state.Results.ToList(),
            state.TranscriptSnapshot(),
            state.Recorder.Snapshot(),
            state.Events.ToList(),
            state.MainSession?.SdpText,
            state.FrameRate,
            state.Sessions.Values.Where(s => s.IsConnected).Select(s => s.Connection.LocalEndPoint.Port).ToList(),
            state.Sessions.Values.SelectMany(s => s.Streams).Where(s => s.Udp is not null).SelectMany(s => new[] { s.Udp!.RtpPort, s.Udp.RtcpPort }).ToList(),
            notSupported,
            stopped)
        {
            RecorderShortfall = state.Recorder.Shortfall(),
            HarnessDrops = state.Recorder.Drops(),
        };
        state.CleanUp();
        return execution;
    }

    private void Execute(RunState state, ScenarioStep step)
    {
        state.Cancellation.ThrowIfCancellationRequested();
        switch (step)
        {
            case RequestStep request:
                ExecuteRequest(state, request);
                break;
            case RawStep raw:
                ExecuteRaw(state, raw);
                break;
            case WaitStep wait:
                Sleep(state, wait.Duration);
                break;
            case ExpectStep expect:
                var session = state.Session(expect.Session);
                state.Results.Add(ExpectationEvaluator.Evaluate(expect.Expect, state.Check(expect.Expect.CheckId), session.LastResponse,
                    expect.Describe(), RequestTimeout));
                break;
            case ExpectRtpStep rtp:
                ExecuteExpectRtp(state, rtp);
                break;
            case RepeatStep repeat:
                for (var i = 0; i < repeat.Times; i++)
                {
                    foreach (var inner in repeat.Steps)
                    {
                        Execute(state, inner);
                    }
                }

                break;
            case DisconnectStep disconnect:
                state.Session(disconnect.Session).Disconnect();
                break;
            case RobustnessStep robustness:
                RobustnessStepRunner.Execute(state.Robustness, robustness);
                break;
            default:
                throw new InvalidOperationException($"no executor for {step.GetType().Name}");
        }
    }

    private void ExecuteRequest(RunState state, RequestStep step)
    {
        var session = state.Session(step.Session);
        if (step.Optional && session.PublicMethods is { } methods && !methods.Contains(step.Method, StringComparer.OrdinalIgnoreCase))
        {
            throw new ScenarioStoppedException($"{step.Describe()}: {step.Method} is not in the target's Public header ({string.Join(", ", methods)})", notSupported: true);
        }

        var previous = session.LastResponse;
        var (request, response, setup) = Send(state, step, session);
        var answer = step.Auth is { } auth ? auth.Resolve(state.Target.Credentials) : state.Target.Credentials;
        if (response?.StatusCode == 401 && answer is not null && Challenges.Pick(response) is { } challenge)
        {
            // RFC 2326 §12.5 / RFC 2617: answer the challenge once and resend; later requests of the session carry
            // the credentials (a second 401, e.g. a stale nonce or a wrong password, is answered once more per request).
            session.Credentials = answer;
            session.Challenge = challenge;
            setup?.Udp?.Dispose();
            (request, response, setup) = Send(state, step, session);
        }

        var connection = session.Connection;
        if (response is null)
        {
            setup?.Udp?.Dispose();
            if (step.Expect is { NoResponse: true } quiet)
            {
                state.Results.Add(ExpectationEvaluator.Evaluate(quiet, state.Check(quiet.CheckId), null, step.Describe(), RequestTimeout));
                return;
            }

            var why = connection.DescribeMissingResponse(RequestTimeout);
            state.Results.Add(MissingResponseJudge.Judge(step.Describe(), connection, previous, RequestTimeout));
            throw new ScenarioStoppedException($"{step.Describe()}: {why}", notSupported: false);
        }

        session.LastResponse = response;
        var status = response.StatusCode ?? 0;
        if (step.Optional && DeclineStatuses.Contains(status))
        {
            setup?.Udp?.Dispose();
            throw new ScenarioStoppedException($"{step.Describe()}: the target declined with \"{response.FirstLine}\"", notSupported: true);
        }

        var succeeded = status is >= 200 and < 300;
        if (succeeded)
        {
            Absorb(state, step, session, response, setup);
        }
        else
        {
            setup?.Udp?.Dispose();
        }

        if (step.Expect is { } expect)
        {
            var resolved = step is PlayStep { Range: { } range } ? ResolveNptPlaceholders(expect, range, state.Target) : expect;
            state.Results.Add(ExpectationEvaluator.Evaluate(resolved, state.Check(expect.CheckId), response, Where(step, request), RequestTimeout));
            return;
        }

        // No expectation written: the step is a means to an end and must succeed, or the rest cannot run.
        if (step is SetupStep { Url: null, TransportHeader: null, Destination: null })
        {
            state.Results.Add(new CheckResult(RtspChecks.ControlUrl, succeeded ? Verdict.Pass : Verdict.Fail,
                $"{step.Describe()}: SETUP {request.Uri} (a=control resolved against {session.ContentBase ?? "the request URL"}) answered \"{response.FirstLine}\""));
        }

        if (!succeeded)
        {
            state.Results.Add(new CheckResult(RtspChecks.ScenarioExpect, Verdict.Fail, $"{step.Describe()}: \"{response.FirstLine}\", expected 2xx"));
            throw new ScenarioStoppedException($"{step.Describe()} answered \"{response.FirstLine}\"", notSupported: false);
        }
    }

    /// <summary>
    /// <c>{npt_start}</c> in a PLAY step's header rules becomes a pattern for where its range starts, resolved for this
    /// target (<c>npt=end-2s-</c> on a 10 s clip: <c>8(\.0+)?</c>), and <c>{npt_end}</c> one for the presentation's
    /// length, so a rule on the reply's Range fits any length.
    /// </summary>
    private static Expectation ResolveNptPlaceholders(Expectation expect, string range, TargetInfo target)
    {
        if (!expect.Headers.Any(h => h.Value?.Contains("{npt_", StringComparison.Ordinal) == true))
        {
            return expect;
        }

        var start = RangeHeader.TryParse(RequestFactory.ResolveRange(range, target), out var parsed) && parsed!.Start is { IsNow: false } s
            ? RelativeRange.NptPattern(s.Seconds)
            : NptStartPlaceholder;
        var end = target.Presentation.Length is { } length ? RelativeRange.NptPattern(length) : NptEndPlaceholder;
        return expect with
        {
            Headers = expect.Headers
                .Select(h => h with { Value = h.Value?.Replace(NptStartPlaceholder, start, StringComparison.Ordinal).Replace(NptEndPlaceholder, end, StringComparison.Ordinal) })
                .ToList(),
        };
    }

    /// <summary>Where a verdict comes from; a relative range is shown as sent, e.g. "PLAY npt=end-2s- (line 9) sent npt=8-".</summary>
    private static string Where(RequestStep step, Rtsp.Protocol.Rtsp.RtspRequest request) =>
        step is PlayStep { Range: { } range } && RelativeRange.IsRelative(range) ? $"{step.Describe()} sent {request.Headers.Get("Range")}" : step.Describe();

    /// <summary>Builds the step's request, sends it and waits for the answer; the exchange is recorded as an event.</summary>
    private (Rtsp.Protocol.Rtsp.RtspRequest Request, ReceivedResponse? Response, MediaStreamSetup? Setup) Send(RunState state, RequestStep step, SessionContext session)
    {
        var request = RequestFactory.Build(step, session, state.Target, state.Transport, out var setup);
        var sentNs = HarnessClock.NowNs();
        if (step is PlayStep { Range: null } && session.PausedAtNs is not null)
        {
            session.ResumeRequestNs = sentNs;
        }

        var connection = session.Connection;
        if (setup?.RtpChannel is { } rtpChannel)
        {
            RegisterChannels(state, session, connection, rtpChannel, setup.RtcpChannel!.Value);
        }

        connection.Send(request.ToBytes());
        var response = connection.WaitResponse(RequestTimeout);
        state.Events.Add(ToEvent(request, sentNs, response, connection));
        return (request, response, setup);
    }

    /// <summary>Learns from a successful response what later steps need (SDP, session id, channels, pause point).</summary>
    private static void Absorb(RunState state, RequestStep step, SessionContext session, ReceivedResponse response, MediaStreamSetup? setup)
    {
        var message = response.Message!;
        switch (step.Method)
        {
            case "OPTIONS":
                if (PublicHeader.TryParse(message.Headers.Get(PublicHeader.Name), out var pub))
                {
                    session.PublicMethods = pub!.Methods;
                }

                break;
            case "DESCRIBE":
                AbsorbDescription(state, session, message);
                break;
            case "SETUP":
                var sessionHeader = message.Headers.Get(SessionHeader.Name);
                if (!SessionHeader.TryParse(sessionHeader, out var parsed))
                {
                    setup?.Udp?.Dispose();
                    throw new ScenarioStoppedException(
                        $"{step.Describe()}: the reply has {(sessionHeader is null ? "no Session header" : $"an unusable Session header \"{sessionHeader}\"")}; later requests cannot name the session",
                        notSupported: false);
                }

                session.SessionId = parsed!.Id;
                session.TimeoutSeconds = parsed.TimeoutSeconds;
                if (setup is not null)
                {
                    session.Streams.Add(ConfirmChannels(state, session, setup, message.Headers.Get(TransportHeader.Name)));
                }

                break;
            case "PLAY":
                session.Played = true;
                if (step is PlayStep { Range: not null })
                {
                    session.PausedAtNs = null;
                    session.ResumeRequestNs = null;
                }

                break;
            case "PAUSE":
                session.PausedAtNs = response.ArrivalNs;
                break;
        }
    }

    private static void AbsorbDescription(RunState state, SessionContext session, Rtsp.Protocol.Rtsp.RtspResponse message)
    {
        session.SdpText = Encoding.UTF8.GetString(message.Body);
        var requestUrl = state.Target.Url.ToString();
        session.ContentBase = message.Headers.Get("Content-Base")?.Trim() ?? message.Headers.Get("Content-Location")?.Trim();
        var baseUrl = session.ContentBase ?? requestUrl;
        if (!SessionDescription.TryParse(session.SdpText, out var sdp, out _) || sdp is null)
        {
            // sdp.structure reports why; without media sections there is nothing to set up.
            session.AggregateUrl = baseUrl;
            return;
        }

        session.AggregateUrl = sdp.Control is { } aggregate ? ControlUrl.Resolve(baseUrl, aggregate) : baseUrl;
        session.TrackUrls = sdp.Media.Select(m => m.Control is { } c ? ControlUrl.Resolve(baseUrl, c) : baseUrl).ToList();
        if (sdp.Media.FirstOrDefault()?.FrameRate is { } rate && state.FrameRateFromSdp is null)
        {
            state.FrameRateFromSdp = rate;
        }

        if (sdp.Media.FirstOrDefault()?.RtpMaps.Values.FirstOrDefault() is { ClockRate: > 0 } map)
        {
            state.ClockRate = map.ClockRate;
        }
    }

    private static void RegisterChannels(RunState state, SessionContext session, RtspConnection connection, int rtpChannel, int rtcpChannel)
    {
        connection.OnChannel(rtpChannel, (arrival, payload) =>
        {
            state.Recorder.Record(PacketKind.Rtp, PacketDirection.FromServer, true, connection.RemoteEndPoint, connection.LocalEndPoint, rtpChannel, payload, arrival);
            session.Media.Add(arrival, payload);
        });
        connection.OnChannel(rtcpChannel, (arrival, payload) =>
            state.Recorder.Record(PacketKind.Rtcp, PacketDirection.FromServer, true, connection.RemoteEndPoint, connection.LocalEndPoint, rtcpChannel, payload, arrival));
    }

    /// <summary>When the server assigned other channels than the ones asked for, listen on those (rtsp.setup.interleaved judges it).</summary>
    private static MediaStreamSetup ConfirmChannels(RunState state, SessionContext session, MediaStreamSetup setup, string? transportReply)
    {
        if (setup.LowerTransport != "tcp" || !TransportHeader.TryParse(transportReply, out var reply) || reply!.Specs.Count == 0 ||
            reply.Specs[0].Interleaved is not { } channels)
        {
            return setup;
        }

        var rtp = channels.Low;
        var rtcp = channels.High ?? channels.Low + 1;
        if (rtp == setup.RtpChannel && rtcp == setup.RtcpChannel)
        {
            return setup;
        }

        RegisterChannels(state, session, session.Connection, rtp, rtcp);
        return setup with { RtpChannel = rtp, RtcpChannel = rtcp };
    }

    private void ExecuteRaw(RunState state, RawStep step)
    {
        var session = state.Session(step.Session);
        var connection = session.Connection;
        var chunks = step.Chunks.Select(c => Encoding.UTF8.GetBytes(Placeholders.Fill(c, state.Target, session))).ToList();
        var sentNs = HarnessClock.NowNs();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0)
            {
                Sleep(state, step.ChunkDelay);
            }

            connection.Send(chunks[i], record: false);
        }

        // Record what was sent message by message, so analyzers pair each request with its response.
        var all = chunks.SelectMany(c => c).ToArray();
        var splitter = new RtspStreamSplitter();
        splitter.Feed(all);
        var methods = new List<string>();
        while (splitter.Next() is { Message: { } message })
        {
            connection.Record(message, sentNs);
            methods.Add(Encoding.UTF8.GetString(message).Split(' ', 2)[0]);
        }

        if (splitter.Remainder() is { Length: > 0 } rest)
        {
            connection.Record(rest, sentNs);
            methods.Add("(unterminated)");
        }

        var expected = step.Responses;
        var previous = session.LastResponse;
        for (var i = 0; i < Math.Max(expected, step.Expect is { NoResponse: true } ? 1 : 0); i++)
        {
            var response = connection.WaitResponse(RequestTimeout);
            state.Events.Add(ToEvent(i < methods.Count ? methods[i] : "RAW", sentNs, response));
            if (response is not null)
            {
                session.LastResponse = response;
                previous = response;
            }

            var where = $"{step.Describe()}, response {i + 1} of {expected}";
            if (step.Expect is { } expect)
            {
                state.Results.Add(ExpectationEvaluator.Evaluate(expect, state.Check(expect.CheckId), response, where, RequestTimeout));
            }
            else if (response is null)
            {
                state.Results.Add(MissingResponseJudge.Judge(where, connection, previous, RequestTimeout));
            }

            if (response is null)
            {
                break;
            }
        }
    }

    private static void ExecuteExpectRtp(RunState state, ExpectRtpStep step)
    {
        var session = state.Session(step.Session);
        var start = HarnessClock.NowNs();
        Sleep(state, step.Window);
        var end = start + (long)(step.Window.TotalMilliseconds * 1e6);
        var window = session.Media.Between(start, end);
        if (step.Silence || step.FramesAtLeast is not null || step.FramesAtMost is not null)
        {
            var rate = step.FramesAtLeast?.IsRelative == true || step.FramesAtMost?.IsRelative == true ? state.MeasureFrameRate(session) : (MediaWindowJudge.Rate?)null;
            state.Results.Add(MediaWindowJudge.JudgeWindow(step, state.Check(step.CheckId), window, start, rate));
        }

        if (step.Continuity)
        {
            var resumeAt = session.ResumeRequestNs;
            state.Results.AddRange(resumeAt is { } at
                ? MediaWindowJudge.JudgeResume(session.Media, at, state.FrameRate)
                : [new CheckResult(RtspChecks.ResumeContinuity, Verdict.Fail, $"{step.Describe()}: continuity asked for, but no PAUSE then PLAY without Range came before")]);
        }
    }

    private static void JudgeConcurrentSessions(RunState state)
    {
        var established = state.Sessions.Values.Where(s => s.SessionId is not null).ToList();
        if (established.Count < 2)
        {
            return;
        }

        var ids = established.Select(s => s.SessionId!).ToList();
        var distinct = ids.Distinct(StringComparer.Ordinal).Count() == ids.Count;
        var silent = established.Where(s => s.Played && s.Streams.Count > 0 && s.Media.Between(0, long.MaxValue).Count == 0).Select(s => s.Name).ToList();
        var evidence = string.Join(", ", established.Select(s => $"{s.Name}: Session {s.SessionId}, {s.Media.Between(0, long.MaxValue).Count} RTP packets"));
        state.Results.Add(distinct && silent.Count == 0
            ? new CheckResult(RtspChecks.ConcurrentSessions, Verdict.Pass, evidence)
            : new CheckResult(RtspChecks.ConcurrentSessions, Verdict.Fail,
                $"{(distinct ? string.Empty : "session identifiers repeat; ")}{(silent.Count == 0 ? string.Empty : $"no media for {string.Join(", ", silent)}; ")}{evidence}"));
    }

    private static ScenarioEvent ToEvent(string method, long sentNs, ReceivedResponse? response) =>
        new(method, sentNs, response?.ArrivalNs, response?.StatusCode,
            response?.Message is { } m ? m.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList() : []);

    private static ScenarioEvent ToEvent(Rtsp.Protocol.Rtsp.RtspRequest request, long sentNs, ReceivedResponse? response, RtspConnection connection) =>
        ToEvent(request.Method, sentNs, response) with
        {
            RequestUri = request.Uri,
            RequestHeaders = request.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList(),
            ClientEndpoint = $"{connection.LocalEndPoint.Address}:{connection.LocalEndPoint.Port}",
        };

    private static void Sleep(RunState state, TimeSpan duration)
    {
        if (duration > TimeSpan.Zero && state.Cancellation.WaitHandle.WaitOne(duration))
        {
            state.Cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Everything one scenario run accumulates.</summary>
    private sealed class RunState(Scenario scenario, string transport, TargetInfo target, TimeSpan timeout, ClientPortRange clientPorts, CancellationToken cancellation)
    {
        private readonly List<TranscriptEntry> transcript = [];
        private readonly Dictionary<string, CheckDefinition> checks = RtspChecks.All.Concat(RobustnessChecks.All).ToDictionary(c => c.Id);
        private RobustnessContext? robustness;

        public Scenario Scenario { get; } = scenario;

        public string Transport { get; } = transport;

        public TargetInfo Target { get; } = target;

        public CancellationToken Cancellation { get; } = cancellation;

        public PacketRecorder Recorder { get; } = new();

        public List<CheckResult> Results { get; } = [];

        public List<ScenarioEvent> Events { get; } = [];

        public Dictionary<string, SessionContext> Sessions { get; } = new(StringComparer.Ordinal);

        public double? FrameRateFromSdp { get; set; }

        /// <summary>The first media section's clock rate (a=rtpmap), for measuring the frame rate; JPEG's 90 kHz by default.</summary>
        public int ClockRate { get; set; } = 90000;

        /// <summary>The rate read from the first session with enough frames when the SDP has no a=framerate.</summary>
        public double? FrameRateMeasured { get; private set; }

        public double FrameRate => FrameRateFromSdp ?? FrameRateMeasured ?? Scenario.FrameRate ?? 25;

        /// <summary>The nominal rate and where it came from: a=framerate, else the RTP timestamps received so far, else the
        /// scenario's frame_rate (a last resort: the expectation is then the scenario's, not the target's).</summary>
        public MediaWindowJudge.Rate MeasureFrameRate(SessionContext session)
        {
            if (FrameRateFromSdp is { } announced)
            {
                return new(announced, "a=framerate");
            }

            FrameRateMeasured ??= FrameRateEstimate.FromTimestamps(session.Media.Between(0, long.MaxValue), ClockRate);
            return FrameRateMeasured is { } measured
                ? new(measured, "measured from RTP timestamps")
                : new(FrameRate, Scenario.FrameRate is null ? "assumed: no a=framerate and too few frames to measure" : "the scenario's frame_rate");
        }

        public SessionContext? MainSession => Sessions.GetValueOrDefault(ScenarioStep.DefaultSession) ?? Sessions.Values.FirstOrDefault();

        /// <summary>What robustness steps may use of this run.</summary>
        public RobustnessContext Robustness => robustness ??= new RobustnessContext
        {
            Target = Target, RequestTimeout = timeout, Results = Results, Events = Events, Session = Session, Check = Check,
            Recorder = Recorder, Transcript = AddTranscript, ClientPorts = clientPorts, Cancellation = Cancellation,
        };

        public SessionContext Session(string name)
        {
            if (!Sessions.TryGetValue(name, out var session))
            {
                session = new SessionContext(name, Target, timeout, clientPorts, Recorder, AddTranscript);
                Sessions[name] = session;
            }

            return session;
        }

        /// <summary>Checks outside this assembly's list (e.g. an analyzer's) become a same-named MUST check of the scenario.</summary>
        public CheckDefinition Check(string id) =>
            checks.TryGetValue(id, out var check) ? check : checks[id] = new CheckDefinition(id, CheckLevel.Must, "scenario file", id);

        public IReadOnlyList<TranscriptEntry> TranscriptSnapshot()
        {
            lock (transcript)
            {
                return transcript.OrderBy(t => t.TimestampNs).ToList();
            }
        }

        /// <summary>Tears down sessions the scenario left open (after the snapshot, so it is not part of the verdict).</summary>
        public void CleanUp()
        {
            foreach (var session in Sessions.Values)
            {
                try
                {
                    if (session.SessionId is not null && session.IsConnected)
                    {
                        var teardown = new Rtsp.Protocol.Rtsp.RtspRequest("TEARDOWN", session.AggregateUrl ?? Target.Url.ToString());
                        teardown.Headers.Add("CSeq", (session.NextCSeq++).ToString(CultureInfo.InvariantCulture));
                        teardown.Headers.Add("Session", session.SessionId);
                        session.Connection.Send(teardown.ToBytes());
                        session.Connection.WaitResponse(TimeSpan.FromSeconds(1));
                    }
                }
                finally
                {
                    session.Dispose();
                }
            }
        }

        private void AddTranscript(TranscriptEntry entry)
        {
            lock (transcript)
            {
                transcript.Add(entry);
            }
        }
    }
}
