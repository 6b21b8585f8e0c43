using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Connections;

/// <summary>What a connection hands its requests and its end to (interleaved RTCP goes to the session's sink:
/// <see cref="RtspConnection.ReceiveOn"/>).</summary>
public interface IRtspRequestHandler
{
    RtspResponse Handle(RtspRequest request, RtspConnection connection);

    void ConnectionClosed(RtspConnection connection);
}
