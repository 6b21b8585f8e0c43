using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Server.Tests.Support;

/// <summary>
/// One UDP port that many sessions send to, read by one thread: per SSRC, packets, sequence gaps and frames (marker
/// bits), without keeping the packets (hundreds of sessions would be gigabytes).
/// </summary>
public sealed class SsrcStreams : IDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly Dictionary<uint, Counts> _streams = [];
    private readonly Thread _reader;
    private volatile bool _stopping;

    public SsrcStreams()
    {
        for (int port = 42000; ; port += 2)
        {
            var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                (_rtp, _rtcp, RtpPort) = (rtp, rtcp, port);
                break;
            }
            catch (SocketException) when (port < 44000)
            {
                rtp.Dispose();
                rtcp.Dispose();
            }
        }
        _rtp.ReceiveBufferSize = 64 << 20;
        _rtp.ReceiveTimeout = 200;
        _reader = new Thread(Read) { IsBackground = true, Name = "ssrc-streams" };
        _reader.Start();
    }

    public int RtpPort { get; }

    public string ClientPorts => $"{RtpPort}-{RtpPort + 1}";

    /// <summary>A snapshot per SSRC: packets, packets missing by sequence number, frames.</summary>
    public IReadOnlyList<(uint Ssrc, long Packets, long Lost, int Frames)> Snapshot()
    {
        lock (_streams)
            return [.. _streams.Select(p => (p.Key, p.Value.Packets, p.Value.Lost, p.Value.Frames))];
    }

    public void Dispose()
    {
        _stopping = true;
        _reader.Join(TimeSpan.FromSeconds(2));
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    private void Read()
    {
        var buffer = new byte[2048];
        while (!_stopping)
        {
            int read;
            try
            {
                read = _rtp.Receive(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (read < 12 || buffer[0] >> 6 != 2)
                continue;
            uint ssrc = (uint)(buffer[8] << 24 | buffer[9] << 16 | buffer[10] << 8 | buffer[11]);
            ushort sequence = (ushort)(buffer[2] << 8 | buffer[3]);
            lock (_streams)
            {
                if (!_streams.TryGetValue(ssrc, out var counts))
                    _streams[ssrc] = counts = new Counts();
                counts.Add(sequence, (buffer[1] & 0x80) != 0);
            }
        }
    }

    private sealed class Counts
    {
        private ushort? _last;

        public long Packets { get; private set; }

        public long Lost { get; private set; }

        public int Frames { get; private set; }

        public void Add(ushort sequence, bool marker)
        {
            if (_last is ushort last && RtpSequence.Difference(sequence, last) != 1)
                Lost += Math.Max(1, RtpSequence.Difference(sequence, last) - 1);
            _last = sequence;
            Packets++;
            if (marker)
                Frames++;
        }
    }
}
