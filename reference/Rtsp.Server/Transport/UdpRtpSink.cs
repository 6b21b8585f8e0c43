using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Headers;

namespace Rtsp.Server.Transport;

/// <summary>
/// RTP/AVP over UDP unicast: sends from the server's even port to the client's RTP port and from the odd port to
/// its RTCP port, and reads receiver reports arriving on the odd port from the client's address.
/// </summary>
public sealed class UdpRtpSink : IRtpSink
{
    private readonly UdpPortPair _ports;
    private readonly IPAddress _client;
    private readonly SocketAddress _rtpTarget;
    private readonly SocketAddress _rtcpTarget;
    private readonly CancellationTokenSource _stop = new();
    private long _dropped;
    private int _disposed;

    public UdpRtpSink(UdpPortPair ports, IPAddress client, PortRange clientPort)
    {
        _ports = ports;
        _client = client;
        int rtcpPort = clientPort.High ?? clientPort.Low + 1;
        _rtpTarget = new IPEndPoint(client, clientPort.Low).Serialize();
        _rtcpTarget = new IPEndPoint(client, rtcpPort).Serialize();
        ReplyTransport = new TransportSpec
        {
            LowerTransport = LowerTransport.Udp,
            Unicast = true,
            ClientPort = new PortRange(clientPort.Low, rtcpPort),
            ServerPort = new PortRange(ports.RtpPort, ports.RtcpPort),
        };
    }

    public TransportSpec ReplyTransport { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    public bool IsOverflowed => false;

    public bool SendRtp(ReadOnlySpan<byte> packet) => Send(_ports.Rtp, packet, _rtpTarget);

    public bool SendRtcp(ReadOnlySpan<byte> packet) => Send(_ports.Rtcp, packet, _rtcpTarget);

    public void StartReceivingRtcp(Action<ReadOnlyMemory<byte>> received) => _ = ReceiveLoop(received);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stop.Cancel();
        _ports.Dispose();
        _stop.Dispose();
    }

    private bool Send(Socket socket, ReadOnlySpan<byte> packet, SocketAddress target)
    {
        try
        {
            socket.SendTo(packet, SocketFlags.None, target);
            return true;
        }
        catch (SocketException)
        {
            // WouldBlock (buffer full) or ICMP port unreachable reported on a later send: the packet is lost, the
            // session goes on (RTP over UDP is allowed to lose packets; the client's receiver reports say so).
            Interlocked.Increment(ref _dropped);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task ReceiveLoop(Action<ReadOnlyMemory<byte>> received)
    {
        var buffer = new byte[2048];
        var from = new IPEndPoint(IPAddress.Any, 0);
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var result = await _ports.Rtcp.ReceiveFromAsync(buffer, SocketFlags.None, from, token);
                // Only the session's own client may keep it alive with reports: a third party that finds the
                // server port must not hold a session (and its ports) open forever.
                if (result.RemoteEndPoint is IPEndPoint sender && sender.Address.Equals(_client))
                    received(buffer.AsMemory(0, result.ReceivedBytes));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // ICMP port unreachable from an earlier send: not fatal for receiving.
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
