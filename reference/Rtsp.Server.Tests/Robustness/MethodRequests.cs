using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// One request per method (and one with a body), each with what must happen on its connection before it
/// (a session set up, playing) and after it (teardown), so the same request can be sent fresh on many connections.
/// </summary>
public sealed partial record MethodRequest(string Name, string Template, bool NeedsSession = false, bool NeedsPlaying = false)
{
    /// <summary>Requests the split tests send: every method the server allows, UDP and TCP SETUP, and a body.</summary>
    public static IReadOnlyList<MethodRequest> All { get; } =
    [
        new("OPTIONS", "OPTIONS {A} RTSP/1.0\r\nCSeq: 10\r\nUser-Agent: robustness-test\r\n\r\n"),
        new("DESCRIBE", "DESCRIBE {A} RTSP/1.0\r\nCSeq: 10\r\nAccept: application/sdp\r\n\r\n"),
        new("SETUP UDP", "SETUP {T} RTSP/1.0\r\nCSeq: 10\r\nTransport: RTP/AVP;unicast;client_port={P}\r\n\r\n"),
        new("SETUP TCP", "SETUP {T} RTSP/1.0\r\nCSeq: 10\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n"),
        new("PLAY", "PLAY {A} RTSP/1.0\r\nCSeq: 10\r\nSession: {S}\r\nRange: npt=0-\r\n\r\n", NeedsSession: true),
        new("PAUSE", "PAUSE {A} RTSP/1.0\r\nCSeq: 10\r\nSession: {S}\r\n\r\n", NeedsSession: true, NeedsPlaying: true),
        new("GET_PARAMETER", "GET_PARAMETER {A} RTSP/1.0\r\nCSeq: 10\r\nSession: {S}\r\n\r\n", NeedsSession: true),
        new("SET_PARAMETER", "SET_PARAMETER {A} RTSP/1.0\r\nCSeq: 10\r\nSession: {S}\r\n\r\n", NeedsSession: true),
        new("TEARDOWN", "TEARDOWN {A} RTSP/1.0\r\nCSeq: 10\r\nSession: {S}\r\n\r\n", NeedsSession: true),
        // RFC 2326 10.9's own example body; the server sets no parameter, so 451 with a text body.
        new("SET_PARAMETER with body", "SET_PARAMETER {A} RTSP/1.0\r\nCSeq: 10\r\nSession: {S}\r\nContent-Type: text/parameters\r\nContent-Length: 20\r\n\r\nbarparam: barstuff\r\n", NeedsSession: true),
    ];

    public override string ToString() => Name;

    /// <summary>Spreads connections over 127.0.0.10-127.0.0.59, so per-address connection limits do not turn the
    /// framing tests into tests of limits.</summary>
    public static IPAddress SpreadAddress(int index) => new([127, 0, 0, (byte)(10 + index % 50)]);

    /// <summary>Sets up (and plays) what the request needs on <paramref name="connection"/>; returns the session id.</summary>
    public async Task<string?> PrepareAsync(RtspTestClient connection, MediaSink sink)
    {
        if (!NeedsSession)
            return null;
        var setup = await connection.SendRawAsync($"SETUP {RobustnessServer.SampleTrack} RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/AVP;unicast;client_port={sink.Ports}\r\n\r\n");
        if (setup.StatusCode != 200)
            throw new InvalidOperationException($"{Name}: the preparing SETUP answered {setup.StatusCode}");
        string session = SessionHeader.Parse(setup.Headers.Get("Session")!).Id;
        if (NeedsPlaying)
        {
            var play = await connection.SendRawAsync($"PLAY {RobustnessServer.Sample} RTSP/1.0\r\nCSeq: 2\r\nSession: {session}\r\n\r\n");
            if (play.StatusCode != 200)
                throw new InvalidOperationException($"{Name}: the preparing PLAY answered {play.StatusCode}");
        }
        return session;
    }

    public byte[] Build(string? session, MediaSink sink) => Encoding.ASCII.GetBytes(Template
        .Replace("{A}", RobustnessServer.Sample, StringComparison.Ordinal)
        .Replace("{T}", RobustnessServer.SampleTrack, StringComparison.Ordinal)
        .Replace("{P}", sink.Ports, StringComparison.Ordinal)
        .Replace("{S}", session ?? "", StringComparison.Ordinal));

    /// <summary>
    /// Prepares a fresh connection from <paramref name="from"/>, has <paramref name="send"/> write the request (after
    /// <paramref name="rewrite"/>, e.g. other line ends), cleans up, and returns the answer's <see cref="Signature"/>.
    /// </summary>
    public async Task<string> AnswerAsync(MediaSink sink, IPAddress from, Func<RtspTestClient, byte[], Task> send, Func<byte[], byte[]>? rewrite = null)
    {
        await using var connection = await RtspTestClient.ConnectAsync(RobustnessServer.Server.BaseUrl, from);
        string? session = await PrepareAsync(connection, sink);
        var bytes = Build(session, sink);
        await send(connection, rewrite is null ? bytes : rewrite(bytes));
        var response = await connection.NextResponseAsync();
        await CleanUpAsync(connection, session, response);
        return Signature(response);
    }

    /// <summary>The unsplit answer: the request written whole from 127.0.0.1.</summary>
    public Task<string> WholeAnswerAsync(MediaSink sink) => AnswerAsync(sink, IPAddress.Loopback, (client, bytes) => client.WriteAsync(bytes));

    /// <summary>Tears down the session the request used or created, so thousands of connections leave nothing behind.</summary>
    public async Task CleanUpAsync(RtspTestClient connection, string? session, RtspResponse response)
    {
        session ??= response.Headers.Get("Session") is { } created ? SessionHeader.Parse(created).Id : null;
        if (session is null || Name == "TEARDOWN")
            return;
        await connection.SendRawAsync($"TEARDOWN {RobustnessServer.Sample} RTSP/1.0\r\nCSeq: 20\r\nSession: {session}\r\n\r\n");
    }

    /// <summary>
    /// The parts of a response that must not depend on how the request was split: status, reason, every header
    /// and the body. What legitimately differs per session is masked: the session id, SSRC and server ports,
    /// RTP-Info's sequence and timestamp, where PAUSE stopped, the SDP origin (and with it Content-Length).
    /// </summary>
    public static string Signature(RtspResponse response)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{response.StatusCode} {response.ReasonPhrase}\n");
        foreach (var (name, value) in response.Headers.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (name.Equals("Date", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                continue;
            string masked = name.ToUpperInvariant() switch
            {
                "SESSION" => SessionId().Replace(value, "<id>"),
                "TRANSPORT" => SsrcOrServerPort().Replace(value, ""),
                "RTP-INFO" => SeqOrRtpTime().Replace(value, "$1=<n>"),
                "RANGE" => NptStart().Replace(value, "npt=<t>-"),
                _ => value,
            };
            text.Append(CultureInfo.InvariantCulture, $"{name.ToLowerInvariant()}: {masked}\n");
        }
        text.Append('\n').Append(SdpOrigin().Replace(Encoding.UTF8.GetString(response.Body), "o=<origin>"));
        return text.ToString();
    }

    [GeneratedRegex("^[^;]+")]
    private static partial Regex SessionId();

    [GeneratedRegex(";(ssrc|server_port)=[^;]*")]
    private static partial Regex SsrcOrServerPort();

    [GeneratedRegex("(seq|rtptime)=[0-9]+")]
    private static partial Regex SeqOrRtpTime();

    [GeneratedRegex("npt=[0-9.]+-")]
    private static partial Regex NptStart();

    [GeneratedRegex("o=[^\r\n]*")]
    private static partial Regex SdpOrigin();
}

/// <summary>
/// A bound UDP port pair on every local address that the split tests' sessions stream to and nobody reads: the
/// datagrams fill its buffer and are dropped there, and the server never meets an ICMP "port unreachable".
/// </summary>
public sealed class MediaSink : IDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;

    public MediaSink()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = 20000 + 2 * Random.Shared.Next(0, 5000);
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(IPAddress.Any, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Any, port + 1));
                (_rtp, _rtcp, Ports) = (rtp, rtcp, $"{port}-{port + 1}");
                return;
            }
            catch (SocketException) when (attempt < 200)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }
    }

    /// <summary>client_port value, "RTP-RTCP".</summary>
    public string Ports { get; }

    /// <summary>Bytes waiting in the pair's buffers: what the server sent here.</summary>
    public int QueuedBytes => _rtp.Available + _rtcp.Available;

    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
