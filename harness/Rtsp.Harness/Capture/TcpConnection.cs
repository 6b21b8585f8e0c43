using Rtsp.Harness.Packets;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Capture;

/// <summary>
/// Both directions of one TCP connection in a capture. Which side is the RTSP server is decided by, in order: the
/// given RTSP port, a well-known port, the SYN, or what the first bytes look like (a request line comes from the
/// client; a status line or a `$` frame from the server). Connections that are none of these are not RTSP.
/// </summary>
internal sealed class TcpConnection
{
    private readonly string _firstAddress;
    private readonly int _firstPort;
    private readonly string _secondAddress;
    private readonly int _secondPort;
    private readonly int? _rtspPort;
    private readonly TcpStreamReassembler[] _reassemblers = [new(), new()];
    private readonly InterleavedStreamSplitter[] _splitters = [new(), new()];
    private readonly List<SplitItem>[] _items = [[], []];
    private bool? _serverIsFirst;
    private bool _decided;

    public TcpConnection(TransportSegment first, int? rtspPort)
    {
        _firstAddress = first.SourceAddress;
        _firstPort = first.SourcePort;
        _secondAddress = first.DestinationAddress;
        _secondPort = first.DestinationPort;
        _rtspPort = rtspPort;
        if (rtspPort is { } port)
        {
            _serverIsFirst = _firstPort == port ? true : _secondPort == port ? false : null;
            _decided = true;
            IsRtsp = _serverIsFirst is not null;
        }
        else if (CaptureReader.WellKnownRtspPorts.Contains(_secondPort) || CaptureReader.WellKnownRtspPorts.Contains(_firstPort))
        {
            _serverIsFirst = CaptureReader.WellKnownRtspPorts.Contains(_firstPort);
            _decided = true;
            IsRtsp = true;
        }
        else if ((first.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn)
        {
            _serverIsFirst = false; // the SYN's sender is the client; content decides whether it is RTSP
        }
    }

    public bool IsRtsp { get; private set; } = true;

    public long MissingBytes => _reassemblers[0].MissingBytes + _reassemblers[1].MissingBytes;

    public long Retransmissions => _reassemblers[0].RetransmittedSegments + _reassemblers[1].RetransmittedSegments;

    public IEnumerable<string> Problems => _splitters[0].Problems.Concat(_splitters[1].Problems);

    public static string KeyOf(TransportSegment segment)
    {
        // Canonical order so both directions find the same connection.
        bool sourceFirst = string.CompareOrdinal(segment.SourceAddress, segment.DestinationAddress) < 0
            || (segment.SourceAddress == segment.DestinationAddress && segment.SourcePort <= segment.DestinationPort);
        return sourceFirst
            ? $"{segment.SourceAddress}:{segment.SourcePort}-{segment.DestinationAddress}:{segment.DestinationPort}"
            : $"{segment.DestinationAddress}:{segment.DestinationPort}-{segment.SourceAddress}:{segment.SourcePort}";
    }

    public void Add(TransportSegment segment, long number, long timestampNs)
    {
        if (!IsRtsp)
        {
            return;
        }

        // Index 0 = sent by the endpoint that opened this object (its first segment's source).
        int direction = segment.SourceAddress == _firstAddress && segment.SourcePort == _firstPort ? 0 : 1;
        foreach (var chunk in _reassemblers[direction].Add(segment.TcpSequence, segment.Flags, segment.Payload, number, timestampNs))
        {
            Deliver(direction, chunk);
        }
    }

    public void Finish(List<StreamPacket> rtsp, List<StreamPacket> frames)
    {
        for (int direction = 0; direction < 2; direction++)
        {
            foreach (var chunk in _reassemblers[direction].Flush())
            {
                Deliver(direction, chunk);
            }
        }

        if (!IsRtsp)
        {
            return;
        }

        bool serverIsFirst = _serverIsFirst ?? false;
        for (int direction = 0; direction < 2; direction++)
        {
            bool fromServer = (direction == 0) == serverIsFirst;
            var (source, sourcePort, destination, destinationPort) = direction == 0
                ? (_firstAddress, _firstPort, _secondAddress, _secondPort)
                : (_secondAddress, _secondPort, _firstAddress, _firstPort);
            var packetDirection = fromServer ? PacketDirection.FromServer : PacketDirection.ToServer;
            foreach (var item in _items[direction])
            {
                switch (item.Item)
                {
                    case InterleavedFrame frame:
                        frames.Add(new StreamPacket(
                            item.FrameNumber, item.TimestampNs, PacketKind.Unknown, packetDirection, true,
                            source, sourcePort, destination, destinationPort, frame.Channel, frame.Payload));
                        break;
                    case RtspItem { Message: var message }:
                        rtsp.Add(new StreamPacket(
                            item.FrameNumber, item.TimestampNs,
                            message is RtspRequest ? PacketKind.RtspRequest : PacketKind.RtspResponse, packetDirection, true,
                            source, sourcePort, destination, destinationPort, null, message.ToBytes()));
                        break;
                }
            }
        }
    }

    private void Deliver(int direction, StreamChunk chunk)
    {
        if (!_decided)
        {
            Decide(direction, chunk.Data.Span);
            if (!IsRtsp)
            {
                return;
            }
        }

        _splitters[direction].Feed(chunk, _items[direction]);
    }

    private void Decide(int direction, ReadOnlySpan<byte> firstBytes)
    {
        _decided = true;
        bool looksLikeResponseOrFrame = firstBytes.StartsWith("RTSP/"u8) || (firstBytes.Length > 0 && firstBytes[0] == InterleavedFrame.Magic);
        bool looksLikeRequest = InterleavedStreamSplitter.FindResyncPoint(firstBytes) == 0 && !looksLikeResponseOrFrame;
        if (!looksLikeRequest && !looksLikeResponseOrFrame)
        {
            IsRtsp = false;
            return;
        }

        // The sender of a request is the client; of a status line or `$` frame, the server.
        bool senderIsServer = looksLikeResponseOrFrame;
        _serverIsFirst ??= (direction == 0) == senderIsServer;
    }
}
