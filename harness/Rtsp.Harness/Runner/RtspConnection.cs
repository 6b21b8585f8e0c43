using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Harness.Packets;
using Rtsp.Harness.Reports;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// One TCP connection to the target: sends requests (recorded in the transcript and as packets) and runs a reader
/// thread that splits what comes back into responses (queued for the step waiting on them) and interleaved frames
/// (handed to the channel's handler). Every wait on it has a timeout.
/// </summary>
public sealed partial class RtspConnection : IDisposable
{
    /// <summary>The TCP maximum segment size the harness advertises (see <see cref="LimitSegmentSize"/>).</summary>
    public const int MaxSegmentBytes = 1400;

    private readonly TcpClient client;
    private readonly PacketRecorder recorder;
    private readonly Action<TranscriptEntry> transcript;
    private readonly System.Collections.Concurrent.BlockingCollection<ReceivedResponse> responses = new();
    private readonly Dictionary<int, Action<long, byte[]>> channelHandlers = [];
    private readonly object handlersGate = new();
    private readonly Thread reader;
    private readonly RtspStreamSplitter splitter = new();
    private volatile bool disposed;
    private volatile string? incomplete;

    private RtspConnection(TcpClient client, PacketRecorder recorder, Action<TranscriptEntry> transcript)
    {
        this.client = client;
        this.recorder = recorder;
        this.transcript = transcript;
        LocalEndPoint = AsIPv4((IPEndPoint)client.Client.LocalEndPoint!);
        RemoteEndPoint = AsIPv4((IPEndPoint)client.Client.RemoteEndPoint!);
        reader = new Thread(ReadLoop) { IsBackground = true, Name = $"rtsp-read {LocalEndPoint.Port}" };
        reader.Start();
    }

    public IPEndPoint LocalEndPoint { get; }

    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Why the connection stopped delivering: closed by the server, or a stream that could not be split.</summary>
    public string? ClosedReason { get; private set; }

    /// <param name="localAddress">The source address to connect from (e.g. 127.0.0.2, a second client on loopback); null = the system's choice.</param>
    public static RtspConnection Open(string host, int port, TimeSpan timeout, PacketRecorder recorder, Action<TranscriptEntry> transcript, IPAddress? localAddress = null)
    {
        // A send timeout too: a target that stops reading must not block a write of hostile bytes (a 200 kB header) forever.
        var sendTimeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
        var client = localAddress is null
            ? new TcpClient { NoDelay = true, SendTimeout = sendTimeout }
            : new TcpClient(localAddress.AddressFamily) { NoDelay = true, SendTimeout = sendTimeout };
        LimitSegmentSize(client.Client);
        try
        {
            if (localAddress is not null)
            {
                client.Client.Bind(new IPEndPoint(localAddress, 0));
            }

            using var cts = new CancellationTokenSource(timeout);
            client.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            client.Dispose();
            throw new TargetUnreachableException($"cannot connect to {host}:{port}: {(e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message)}", e);
        }

        return new RtspConnection(client, recorder, transcript);
    }

    /// <summary>Route `$` frames on <paramref name="channel"/> to <paramref name="handler"/> (arrival ns, payload).</summary>
    public void OnChannel(int channel, Action<long, byte[]> handler)
    {
        lock (handlersGate)
        {
            channelHandlers[channel] = handler;
        }
    }

    /// <summary>Send bytes as written; <paramref name="record"/> false for pieces of a request sent in parts (the caller records the whole).</summary>
    public void Send(byte[] bytes, bool record = true)
    {
        var now = HarnessClock.NowNs();
        if (record)
        {
            Record(bytes, now);
        }

        try
        {
            client.GetStream().Write(bytes);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            ClosedReason ??= $"send failed: {e.Message}";
        }
    }

    /// <summary>The transcript (shown in reports) hides Basic credentials, which are the password in base64 (RFC 7617);
    /// a Digest response is a hash and stays, as evidence of what was sent. The capture keeps the bytes as they were.</summary>
    [GeneratedRegex(@"(?im)^(Authorization:[ \t]*Basic[ \t]+)\S+")]
    private static partial Regex BasicCredentials();

    public void Record(byte[] bytes, long timestampNs)
    {
        recorder.Record(PacketKind.RtspRequest, PacketDirection.ToServer, true, LocalEndPoint, RemoteEndPoint, null, bytes, timestampNs);
        transcript(new TranscriptEntry(timestampNs, false, BasicCredentials().Replace(Encoding.UTF8.GetString(bytes), "$1***")));
    }

    /// <summary>The next response, or null when none arrives within <paramref name="timeout"/> or the connection closed.</summary>
    public ReceivedResponse? WaitResponse(TimeSpan timeout)
    {
        try
        {
            return responses.TryTake(out var response, timeout) ? response : null;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Completed (the reader saw the connection close) or already disposed.
            return null;
        }
    }

    /// <summary>
    /// Why <see cref="WaitResponse"/> gave nothing, in words for the evidence: the connection ended (and how), a
    /// response began but did not complete in time (a server dripping bytes), or nothing came at all.
    /// </summary>
    public string DescribeMissingResponse(TimeSpan waited)
    {
        if (ClosedReason is { } reason)
        {
            return $"no response: {reason}";
        }

        var within = $"within {waited.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
        return incomplete is { } partial ? $"no complete response {within}: only {partial} arrived" : $"no response {within}";
    }

    /// <summary>Responses that arrived without a request waiting for them (e.g. an extra response to one request).</summary>
    public int PendingResponses => responses.Count;

    private void ReadLoop()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var stream = client.GetStream();
            while (!disposed)
            {
                var n = stream.Read(buffer);
                if (n == 0)
                {
                    var cut = splitter.DescribeIncomplete();
                    if (cut is not null)
                    {
                        recorder.Record(PacketKind.Unknown, PacketDirection.FromServer, true, RemoteEndPoint, LocalEndPoint, null, splitter.Remainder(), HarnessClock.NowNs());
                    }

                    ClosedReason ??= cut is null ? "the server closed the connection" : $"the server closed the connection after {cut}";
                    break;
                }

                var arrival = HarnessClock.NowNs();
                splitter.Feed(buffer.AsSpan(0, n));
                while (splitter.Next() is { } item)
                {
                    Deliver(item, arrival);
                }

                incomplete = splitter.DescribeIncomplete();
                if (splitter.Fault is { } fault)
                {
                    var rest = splitter.Remainder();
                    recorder.Record(PacketKind.Unknown, PacketDirection.FromServer, true, RemoteEndPoint, LocalEndPoint, null, rest, arrival);
                    ClosedReason ??= $"the server's byte stream broke: {fault}";
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            ClosedReason ??= disposed ? "closed by the harness" : $"connection lost: {e.Message}";
        }
        finally
        {
            try
            {
                responses.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                // Dispose gave up waiting for this thread (a read the socket's close did not wake) and disposed the
                // queue; a peer that closes later (a server cutting off slowloris connections) lands here. Unhandled, it
                // would end the whole process.
            }
        }
    }

    private void Deliver(SplitItem item, long arrival)
    {
        if (item.Message is { } raw)
        {
            // A server may send requests (RFC 2326 §10); anything else from it is a response, however broken, so the
            // step waiting for one judges it rather than timing out.
            var kind = raw.AsSpan().StartsWith("RTSP/"u8) || !IsRequest(raw) ? PacketKind.RtspResponse : PacketKind.RtspRequest;
            recorder.Record(kind, PacketDirection.FromServer, true, RemoteEndPoint, LocalEndPoint, null, raw, arrival);
            transcript(new TranscriptEntry(arrival, true, Encoding.UTF8.GetString(raw)));
            if (kind == PacketKind.RtspResponse)
            {
                responses.Add(ReceivedResponse.Parse(raw, arrival));
            }

            return;
        }

        Action<long, byte[]>? handler;
        lock (handlersGate)
        {
            channelHandlers.TryGetValue(item.Channel!.Value, out handler);
        }

        if (handler is not null)
        {
            handler(arrival, item.Payload!);
        }
        else
        {
            // A channel nobody negotiated: keep it so rtsp.interleaved.channels can name it.
            recorder.Record(MediaPacketKinds.Classify(item.Payload), PacketDirection.FromServer, true, RemoteEndPoint, LocalEndPoint,
                item.Channel, item.Payload, arrival);
        }
    }

    private static bool IsRequest(byte[] raw)
    {
        try
        {
            var parser = new RtspMessageParser();
            parser.Feed(raw);
            return parser.TryReadMessage(out var message) && message is RtspRequest;
        }
        catch (Rtsp.Protocol.ProtocolFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Advertise an MSS of <see cref="MaxSegmentBytes"/> in our SYN, so the server's TCP segments are Ethernet-sized even on
    /// loopback (MTU 65536): each then fits the capture's snaplen whole, and interleaved media is carried the way it is
    /// over a real 1500-byte network. Where the option is refused the default MSS stays (captures may then truncate).
    /// </summary>
    private static void LimitSegmentSize(Socket socket)
    {
        const int IpProtoTcp = 6;
        const int TcpMaxSeg = 2;
        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpMaxSeg, BitConverter.GetBytes(MaxSegmentBytes));
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>TcpClient sockets are dual-mode: show 127.0.0.1, not ::ffff:127.0.0.1, as a capture would.</summary>
    private static IPEndPoint AsIPv4(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        client.Dispose();
        reader.Join(TimeSpan.FromSeconds(2));
        responses.Dispose();
    }
}
