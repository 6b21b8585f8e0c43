using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Rtsp.Server;
using Rtsp.Server.Faults;

namespace Rtsp.Ref.Serve;

/// <summary>`rtsp-ref serve`: runs the reference RTSP server until Ctrl-C / SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServerOptions();
        var port = new Option<int>("--port") { Description = "RTSP TCP port (0 = pick a free port; the listening line says which)", DefaultValueFactory = _ => defaults.Port };
        var bind = new Option<string>("--bind") { Description = "address to listen on", DefaultValueFactory = _ => defaults.Bind.ToString() };
        var media = new Option<string?>("--media") { Description = "directory whose *.mjpeg, *.avi, *.mp4, *.mkv and *.mov files are served at rtsp://HOST:PORT/<relative path> (video files transcoded to RFC 2435 JPEG, or H.264 sent as it is with --codec copy) (sample.mjpeg and live/pattern stay unless a file shadows them)" };
        var codec = new Option<string>("--codec")
        {
            Description = "video files (.avi, .mp4, .mkv, .mov): 'jpeg' transcodes every one to RFC 2435 JPEG; 'copy' sends H.264 streams as they are (RFC 6184, packetization-mode=1) and transcodes only other codecs",
            DefaultValueFactory = _ => "jpeg",
        };
        codec.AcceptOnlyFromAmong("jpeg", "copy");
        var fps = new Option<double>("--fps") { Description = "frame rate of .mjpeg files and of the generated pattern", DefaultValueFactory = _ => defaults.FrameRate };
        var rtpPorts = new Option<string>("--rtp-ports") { Description = "server UDP port range LOW-HIGH for RTP (even) / RTCP (odd)", DefaultValueFactory = _ => $"{defaults.RtpPortLow}-{defaults.RtpPortHigh}" };
        var timeout = new Option<int>("--session-timeout") { Description = "seconds without a request or RTCP report before a session is dropped", DefaultValueFactory = _ => (int)defaults.SessionTimeout.TotalSeconds };
        var maxSessions = new Option<int>("--max-sessions") { Description = "sessions at once in all; SETUP beyond that answers 503", DefaultValueFactory = _ => defaults.MaxSessions };
        var mtu = new Option<int>("--mtu") { Description = "largest RTP payload in bytes (RFC 2435 header + JPEG data; for H.264 a single NAL unit, STAP-A or FU-A)", DefaultValueFactory = _ => defaults.MaxPayload };
        var spread = new Option<double>("--spread") { Description = "spread each frame's packets over this fraction of the frame interval (0 = back to back)", DefaultValueFactory = _ => defaults.Spread };
        var tcpQueue = new Option<int>("--max-tcp-queue") { Description = "KiB of interleaved data a TCP client may leave unread before it is dropped as too slow", DefaultValueFactory = _ => defaults.MaxTcpQueueBytes / 1024 };
        var user = new Option<string?>("--user") { Description = "require this user name (Digest or Basic authentication); off by default" };
        var password = new Option<string?>("--password") { Description = "the password for --user" };
        var fault = new Option<string[]>("--fault")
        {
            Description = "break the protocol on purpose: NAME[,NAME...]; `--fault list` prints every name with the rule it breaks",
            AllowMultipleArgumentsPerToken = false,
        };
        var hostile = new Option<string?>("--hostile")
        {
            Description = "attack the peers' readers on purpose (garbage, endless or huge responses, a slow drip, a truncated interleaved frame, an RTP flood, silence after PLAY): NAME; `--hostile list` prints every name with what it does",
        };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "stderr log level", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("serve", "Run the reference RTSP server. Prints `listening on rtsp://HOST:PORT/` on stdout when ready; logs go to stderr.")
        {
            port, bind, media, codec, fps, rtpPorts, timeout, maxSessions, mtu, spread, tcpQueue, user, password, fault, hostile, logLevel,
        };
        var captures = new CaptureOptions();
        foreach (var option in captures.All)
            command.Options.Add(option);
        var limits = new LimitOptions();
        foreach (var option in limits.All)
            command.Options.Add(option);
        command.SetAction(async (parse, cancel) =>
        {
            string[] faults = parse.GetValue(fault) ?? [];
            if (faults.Any(f => f.Equals("list", StringComparison.OrdinalIgnoreCase)))
            {
                Console.Out.WriteLine(FaultCatalog.Describe());
                Console.Out.WriteLine();
                Console.Out.WriteLine("Hostile behaviours (--hostile NAME, one at a time): they attack the peer's reader, not one protocol rule");
                Console.Out.WriteLine(HostileCatalog.Describe());
                return 0;
            }
            if (parse.GetValue(hostile) is { } listHostile && listHostile.Equals("list", StringComparison.OrdinalIgnoreCase))
            {
                Console.Out.WriteLine(HostileCatalog.Describe());
                return 0;
            }
            ServerOptions options;
            IReadOnlyList<Rtsp.Media.OpenCv.CaptureSpec> captureSpecs;
            try
            {
                var (low, high) = ParseRange(parse.GetValue(rtpPorts)!);
                options = new ServerOptions
                {
                    Port = parse.GetValue(port),
                    Bind = IPAddress.TryParse(parse.GetValue(bind), out var address) ? address : throw new ArgumentException($"--bind {parse.GetValue(bind)}: not an IP address"),
                    MediaRoot = parse.GetValue(media),
                    Codec = parse.GetValue(codec) == "copy" ? Rtsp.Media.VideoCodecMode.Copy : Rtsp.Media.VideoCodecMode.Jpeg,
                    FrameRate = parse.GetValue(fps),
                    RtpPortLow = low,
                    RtpPortHigh = high,
                    SessionTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                    MaxSessions = parse.GetValue(maxSessions),
                    MaxPayload = parse.GetValue(mtu),
                    Spread = parse.GetValue(spread),
                    MaxTcpQueueBytes = parse.GetValue(tcpQueue) * 1024,
                    User = parse.GetValue(user),
                    Password = parse.GetValue(password),
                    Faults = FaultSet.Parse(faults, parse.GetValue(hostile)),
                    Limits = limits.Read(parse),
                };
                (captureSpecs, var encoder) = captures.Read(parse);
                options = options with { Transcoder = encoder };
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"rtsp-ref serve: {ex.Message}");
                return 2;
            }
            return await RunAsync(options, captureSpecs, parse.GetValue(logLevel), cancel);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerOptions options, IReadOnlyList<Rtsp.Media.OpenCv.CaptureSpec> captureSpecs, LogLevel level, CancellationToken cancel)
    {
        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        try
        {
            options = options with { LiveSources = CaptureOptions.Open(captureSpecs, options.Transcoder!, loggers.CreateLogger("rtsp-ref.capture")) };
        }
        catch (Rtsp.Media.OpenCv.MediaOpenException ex)
        {
            await Console.Error.WriteLineAsync($"rtsp-ref serve: {ex.Message}");
            return 2;
        }
        var server = new RtspServer(options, loggers);
        try
        {
            await server.StartAsync(cancel);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"rtsp-ref serve: cannot start: {ex.Message}");
            await server.DisposeAsync();
            return 1;
        }
        // The one line on stdout: tests and the harness wait for it (regex `listening on (rtsp://\S+)`).
        Console.Out.WriteLine($"listening on {server.BaseUrl}");
        Console.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
        }
        await server.DisposeAsync();
        return 0;
    }

    private static (int Low, int High) ParseRange(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int high))
            return (low, high);
        throw new ArgumentException($"--rtp-ports {text}: expected LOW-HIGH, e.g. 50000-59999");
    }
}
