using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Headers;

namespace Rtsp.Server.Transport;

/// <summary>
/// RTP/AVP over UDP unicast: sends from the server's even port to the client's RTP port and from the odd port to
/// its RTCP port, and reads receiver reports arriving on the odd port from the client's address.
/// </summary>
public sealed partial class UdpRtpSink : IRtpSink
{
    private readonly UdpPortPair _ports;
    private readonly IPAddress _client;
    private readonly SocketAddress _rtpTarget;
    private readonly SocketAddress _rtcpTarget;
    // UDP GSO (linux/udp.h): SOL_UDP 17, UDP_SEGMENT 103; at most 64 segments and 64 KiB a send (UDP_MAX_SEGMENTS).
    private const int SolUdp = 17;
    private const int UdpSegment = 103;
    private const int MaxSegments = 64;
    private const int MaxGsoBytes = 65_000;

    private readonly CancellationTokenSource _stop = new();
    private GsoState _gso;
    private int _gsoSegment;
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

    public bool SendRtp(ReadOnlySpan<byte> packet)
    {
        // A datagram longer than the GSO segment size would be cut into segments: clear it first.
        if (_gsoSegment != 0 && packet.Length > _gsoSegment && !SetSegmentSize(0))
            _gso = GsoState.Refused;
        return Send(_ports.Rtp, packet, _rtpTarget);
    }

    /// <summary>
    /// Runs of packets of one size (the last of a run may be shorter — an RFC 2435 or RFC 6184 frame's last
    /// fragment) leave in one send with UDP GSO (UDP_SEGMENT, Linux 4.18): the kernel cuts the buffer into the
    /// datagrams, so a 9-packet frame costs one system call instead of nine. Where the kernel refuses GSO, packets
    /// go one by one.
    /// </summary>
    public int SendRtpBatch(ReadOnlySpan<byte> packets, ReadOnlySpan<int> lengths)
    {
        int sent = 0, offset = 0, i = 0;
        while (i < lengths.Length)
        {
            int segment = lengths[i];
            int count = 1, bytes = segment;
            while (i + count < lengths.Length && count < MaxSegments && bytes + lengths[i + count] <= MaxGsoBytes
                && lengths[i + count - 1] == segment && lengths[i + count] <= segment)
            {
                bytes += lengths[i + count];
                count++;
            }
            var run = packets.Slice(offset, bytes);
            if (count == 1 || _gso == GsoState.Refused || !SendSegmented(run, segment))
            {
                for (int k = 0, at = 0; k < count; at += lengths[i + k], k++)
                {
                    if (SendRtp(run.Slice(at, lengths[i + k])))
                        sent++;
                }
            }
            else
            {
                sent += count;
            }
            offset += bytes;
            i += count;
        }
        return sent;
    }

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

    /// <summary>One GSO send of <paramref name="run"/> cut into <paramref name="segment"/>-byte datagrams; false when
    /// GSO is refused (the caller then sends one by one). A full socket buffer drops the run like any send.</summary>
    private bool SendSegmented(ReadOnlySpan<byte> run, int segment)
    {
        if (_gsoSegment != segment && !SetSegmentSize(segment))
        {
            _gso = GsoState.Refused;
            return false;
        }
        try
        {
            _ports.Rtp.SendTo(run, SocketFlags.None, _rtpTarget);
            _gso = GsoState.Working;
            return true;
        }
        catch (SocketException ex) when (_gso == GsoState.Untried && ex.SocketErrorCode is SocketError.InvalidArgument or SocketError.SocketError)
        {
            // EINVAL / EIO on the first GSO send: the route or device cannot segment (e.g. no checksum offload).
            _gso = GsoState.Refused;
            SetSegmentSize(0);
            return false;
        }
        catch (SocketException)
        {
            Interlocked.Add(ref _dropped, run.Length / segment + (run.Length % segment == 0 ? 0 : 1));
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private unsafe bool SetSegmentSize(int segment)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        bool added = false;
        try
        {
            _ports.Rtp.SafeHandle.DangerousAddRef(ref added);
            if (SetSockOpt(_ports.Rtp.SafeHandle.DangerousGetHandle(), SolUdp, UdpSegment, &segment, sizeof(int)) != 0)
                return false;
            _gsoSegment = segment;
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
                _ports.Rtp.SafeHandle.DangerousRelease();
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static unsafe partial int SetSockOpt(nint socket, int level, int option, void* value, int length);

    private enum GsoState
    {
        Untried,
        Working,
        Refused,
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
