using Rtsp.Protocol.Headers;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Faults;

/// <summary>silence-after-200: the session is set up and answered like any other, but its packets go nowhere.</summary>
public sealed class SilentRtpSink(IRtpSink inner) : IRtpSink
{
    public TransportSpec ReplyTransport => inner.ReplyTransport;

    public long Dropped => inner.Dropped;

    public bool IsOverflowed => inner.IsOverflowed;

    public bool SendRtp(ReadOnlySpan<byte> packet) => true;

    public bool SendRtcp(ReadOnlySpan<byte> packet) => true;

    public void StartReceivingRtcp(Action<ReadOnlyMemory<byte>> received) => inner.StartReceivingRtcp(received);

    public void Dispose() => inner.Dispose();
}
