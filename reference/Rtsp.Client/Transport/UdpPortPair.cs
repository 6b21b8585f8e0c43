using System.Net;
using System.Net.Sockets;

namespace Rtsp.Client.Transport;

/// <summary>
/// Two bound UDP sockets on consecutive ports, the RTP one even and the RTCP one the next odd port
/// (RFC 3550 §11, RFC 2326 §12.39 client_port). The OS picks the even port; when it hands out an odd one, or the
/// odd neighbour is taken, the sockets are closed and another try made (bounded).
/// </summary>
public sealed class UdpPortPair : IDisposable
{
    private const int MaxAttempts = 64;

    private UdpPortPair(Socket rtp, Socket rtcp)
    {
        Rtp = rtp;
        Rtcp = rtcp;
    }

    public Socket Rtp { get; }

    public Socket Rtcp { get; }

    public int RtpPort => ((IPEndPoint)Rtp.LocalEndPoint!).Port;

    public int RtcpPort => ((IPEndPoint)Rtcp.LocalEndPoint!).Port;

    /// <summary>Binds an even/odd pair on <paramref name="address"/> (the local address of the RTSP connection,
    /// so media arrives on the interface the server sees). Throws <see cref="SocketException"/> when no pair was
    /// free after 64 tries.</summary>
    public static UdpPortPair Allocate(IPAddress address, int receiveBufferBytes = 4 * 1024 * 1024)
    {
        SocketException? last = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var rtp = NewSocket(address, receiveBufferBytes);
            try
            {
                rtp.Bind(new IPEndPoint(address, 0));
                var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
                if (port % 2 != 0 || port == IPEndPoint.MaxPort)
                {
                    rtp.Dispose();
                    continue;
                }

                var rtcp = NewSocket(address, receiveBufferBytes);
                try
                {
                    rtcp.Bind(new IPEndPoint(address, port + 1));
                    return new UdpPortPair(rtp, rtcp);
                }
                catch (SocketException e)
                {
                    last = e;
                    rtcp.Dispose();
                    rtp.Dispose();
                }
            }
            catch (SocketException e)
            {
                last = e;
                rtp.Dispose();
            }
        }

        throw new SocketException((int)(last?.SocketErrorCode ?? SocketError.AddressAlreadyInUse));
    }

    private static Socket NewSocket(IPAddress address, int receiveBufferBytes)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // A 640x480 frame is ~11 datagrams and a stall of the receive thread must not overflow the default
        // ~200 KiB buffer; the kernel caps this at net.core.rmem_max, which is fine.
        socket.ReceiveBufferSize = receiveBufferBytes;
        return socket;
    }

    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }
}
