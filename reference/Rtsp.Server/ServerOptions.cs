using System.Net;
using Rtsp.Media;
using Rtsp.Media.OpenCv;
using Rtsp.Server.Faults;
using Rtsp.Server.Limits;

namespace Rtsp.Server;

/// <summary>Everything `rtsp-ref serve` can be told (see its --help for the meaning of each).</summary>
public sealed record ServerOptions
{
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>RTSP TCP port; 0 lets the system pick a free one (the listening line says which).</summary>
    public int Port { get; init; } = 8554;

    /// <summary>Directory whose *.mjpeg files are served; null serves only the built-in sources.</summary>
    public string? MediaRoot { get; init; }

    /// <summary>Frame rate of .mjpeg files (they carry none) and of the generated pattern.</summary>
    public double FrameRate { get; init; } = 25;

    public int RtpPortLow { get; init; } = 50000;

    public int RtpPortHigh { get; init; } = 59999;

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int MaxSessions { get; init; } = 1000;

    /// <summary>Largest RTP payload (RFC 2435 header + scan data) in bytes.</summary>
    public int MaxPayload { get; init; } = 1400;

    /// <summary>Spread a frame's packets over this fraction of the frame interval (0 = send them back to back).</summary>
    public double Spread { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public FaultSet Faults { get; init; } = FaultSet.None;

    /// <summary>Bytes of interleaved data a TCP client may have queued before it is dropped as too slow.</summary>
    public int MaxTcpQueueBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Seconds between RTCP sender reports (RFC 3550 6.2: about 5 s for one sender).</summary>
    public TimeSpan SenderReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Live sources opened before start (--webcam, --capture), served beside the built-ins; the server disposes them.</summary>
    public IReadOnlyList<IMediaSource> LiveSources { get; init; } = [];

    /// <summary>Encoder for video files and .mjpeg files RFC 2435 cannot carry (--jpeg-quality, --capture-size); null = defaults.</summary>
    public Rfc2435JpegEncoder? Transcoder { get; init; }

    /// <summary>--codec: H.264 in video files sent as it is (Copy) or, by default, everything transcoded to JPEG.</summary>
    public VideoCodecMode Codec { get; init; } = VideoCodecMode.Jpeg;

    /// <summary>Connections, sessions and ports per connection, request rate, size and timing (see <see cref="ServerLimits"/>).</summary>
    public ServerLimits Limits { get; init; } = new();

    /// <summary>How long a connection may stay silent: <see cref="ServerLimits.IdleTimeout"/>, by default the session timeout.</summary>
    public TimeSpan IdleTimeout => Limits.IdleTimeout ?? SessionTimeout;

    /// <summary>Checks the values; throws ArgumentException that names the option and says what is allowed.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"--port {Port}: must be 0..65535 (0 = pick a free port)");
        if (!(FrameRate > 0 && FrameRate <= 240))
            throw new ArgumentException($"--fps {FrameRate}: must be in (0, 240]");
        if (RtpPortLow < 1024 || RtpPortHigh > 65535 || RtpPortLow % 2 != 0 || RtpPortHigh - RtpPortLow < 1)
            throw new ArgumentException($"--rtp-ports {RtpPortLow}-{RtpPortHigh}: need LOW even, 1024 <= LOW < HIGH <= 65535");
        if (SessionTimeout < TimeSpan.FromSeconds(1))
            throw new ArgumentException("--session-timeout: at least 1 second");
        if (MaxSessions < 1)
            throw new ArgumentException("--max-sessions: at least 1");
        if (MaxPayload is < 256 or > 65000)
            throw new ArgumentException($"--mtu {MaxPayload}: payload size must be 256..65000 bytes");
        if (Spread is < 0 or > 0.9)
            throw new ArgumentException($"--spread {Spread}: must be 0..0.9 of the frame interval");
        if (MaxTcpQueueBytes < 16 * 1024)
            throw new ArgumentException("--max-tcp-queue: at least 16 KiB");
        if ((User is null) != (Password is null))
            throw new ArgumentException("--user and --password go together");
        if (MediaRoot is not null && !Directory.Exists(MediaRoot))
            throw new ArgumentException($"--media {MediaRoot}: no such directory");
        Limits.Validate();
    }
}
