using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Connections;

/// <summary>What a connection hands its requests, interleaved frames and its end to.</summary>
public interface IRtspRequestHandler
{
    RtspResponse Handle(RtspRequest request, RtspConnection connection);

    void InterleavedReceived(RtspConnection connection, InterleavedFrame frame);

    void ConnectionClosed(RtspConnection connection);
}
