using Rtsp.Client.Transport;

namespace Rtsp.Client;

/// <summary>How the client behaves; every wait it makes is bounded by one of these.</summary>
public sealed record RtspClientOptions
{
    public RtpTransportMode Transport { get; init; } = RtpTransportMode.Auto;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the answer to any request.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the TEARDOWN answer; the client closes its side after it regardless.</summary>
    public TimeSpan TeardownTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>With <see cref="RtpTransportMode.Auto"/>: how long PLAY over UDP may stay without a packet before
    /// the client sets the session up again over TCP.</summary>
    public TimeSpan UdpFallbackTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>While playing, this long without RTP means the stream ended (an on-demand stream reached its end
    /// without an RTCP BYE, or the server stopped sending).</summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After PLAY was answered, this long without a single RTP packet is an error (the server answered 200
    /// and sent nothing, or the packets cannot reach us): <see cref="RtspClientSession.ErrorOccurred"/> says so.</summary>
    public TimeSpan FirstPacketTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep-alive period; null = half the session timeout the server announced (RFC 2326 §12.37: 60 s
    /// when it announced none).</summary>
    public TimeSpan? KeepAliveInterval { get; init; }

    /// <summary>RTCP receiver report period before randomisation to [0.5, 1.5] times it (RFC 3550 §6.2, 6.3.1).</summary>
    public TimeSpan ReceiverReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Packets the reorder buffer holds while it waits for a missing one.</summary>
    public int ReorderCapacity { get; init; } = 16;

    public string UserAgent { get; init; } = "rtsp-ref-client/1.0";
}
