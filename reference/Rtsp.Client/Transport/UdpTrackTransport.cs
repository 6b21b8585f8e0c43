using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rtsp.Client.Transport;

/// <summary>
/// RTP and RTCP of one track over a UDP port pair (RFC 2326 §12.39 client_port/server_port). Datagrams from any
/// address other than the server's are ignored (someone else's traffic must not enter the statistics).
/// </summary>
public sealed class UdpTrackTransport : ITrackTransport
{
    private readonly UdpPortPair _ports;
    private readonly IPAddress _serverAddress;
    private readonly IPEndPoint? _serverRtcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _rtpLoop;
    private readonly Task _rtcpLoop;

    /// <param name="serverRtcpPort">The server's RTCP port (server_port high, or low + 1); null when SETUP gave none,
    /// then receiver reports are not sent.</param>
    public UdpTrackTransport(UdpPortPair ports, IPAddress serverAddress, int? serverRtpPort, int? serverRtcpPort,
        Action<ReadOnlyMemory<byte>, long> onRtp, Action<ReadOnlyMemory<byte>> onRtcp)
    {
        _ports = ports;
        _serverAddress = serverAddress;
        _serverRtcp = serverRtcpPort is { } port ? new IPEndPoint(serverAddress, port) : null;
        Description = $"UDP client {ports.RtpPort}-{ports.RtcpPort}, server {serverRtpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}-{serverRtcpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
        _rtpLoop = Task.Run(() => ReceiveLoopAsync(_ports.Rtp, (data, ticks) => onRtp(data, ticks)));
        _rtcpLoop = Task.Run(() => ReceiveLoopAsync(_ports.Rtcp, (data, _) => onRtcp(data)));
    }

    public RtpTransportMode Mode => RtpTransportMode.Udp;

    public string Description { get; }

    public int ClientRtpPort => _ports.RtpPort;

    public async Task SendRtcpAsync(byte[] compoundPacket, CancellationToken cancellationToken)
    {
        if (_serverRtcp is null)
        {
            return;
        }

        try
        {
            await _ports.Rtcp.SendToAsync(compoundPacket, SocketFlags.None, _serverRtcp, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // ICMP port unreachable from a server that closed its RTCP port: reports are best effort (RFC 3550 §6).
        }
    }

    private async Task ReceiveLoopAsync(Socket socket, Action<ReadOnlyMemory<byte>, long> deliver)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Linux reports an earlier ICMP unreachable (for our own RTCP send) on the next receive.
                continue;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var arrival = Stopwatch.GetTimestamp();
            if (received.RemoteEndPoint is IPEndPoint from && !from.Address.Equals(_serverAddress))
            {
                continue;
            }

            deliver(buffer.AsMemory(0, received.ReceivedBytes).ToArray(), arrival);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _ports.Dispose();
        await Task.WhenAll(_rtpLoop, _rtcpLoop).ConfigureAwait(false);
        _stop.Dispose();
    }
}
