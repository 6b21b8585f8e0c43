using System.Diagnostics;
using System.Net.Sockets;
using Rtsp.Client;
using Rtsp.Client.Connection;
using Rtsp.Client.Transport;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Soak.Load;

/// <summary>
/// One long-lived session that must keep streaming, untouched, for the whole soak: SETUP (UDP or TCP
/// interleaved) and PLAY of a live source, a keep-alive GET_PARAMETER every third of the session timeout, and
/// every RTP packet counted with RFC 3550 A.1 sequence accounting (<see cref="RtpReceptionStatistics"/>).
/// Anything that ends or disturbs it (connection lost, keep-alive refused) is recorded in <see cref="Problems"/>.
/// </summary>
public sealed class StreamingSession : IAsyncDisposable
{
    // 8 MiB: several seconds of one stream, so a stalled reader on a busy machine does not drop datagrams
    // (the driver's own starvation must not be charged to the server as loss).
    private const int UdpReceiveBuffer = 8 * 1024 * 1024;

    private readonly RtspConnection _connection;
    private readonly UdpPortPair? _udp;
    private readonly string _aggregateUrl;
    private readonly string _session;
    private readonly RtpReceptionStatistics _statistics = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _problems = [];
    private Task _receiving = Task.CompletedTask;
    private Task _keepingAlive = Task.CompletedTask;
    private long _firstArrival;
    private long _lastArrival;
    private long _longestSilence;

    private StreamingSession(int index, RtspConnection connection, UdpPortPair? udp, string aggregateUrl, string session)
    {
        Index = index;
        _connection = connection;
        _udp = udp;
        _aggregateUrl = aggregateUrl;
        _session = session;
    }

    public int Index { get; }

    public bool Udp => _udp is not null;

    public long Packets { get { lock (_gate) return _statistics.Received; } }

    /// <summary>Packets missing from the sequence (RFC 3550 A.3 cumulative loss).</summary>
    public long Lost { get { lock (_gate) return Math.Max(0, _statistics.CumulativeLost); } }

    /// <summary>Sequence jumps confirmed as a new start (RFC 3550 A.1): the counters restarted, so loss may be hidden.</summary>
    public long SequenceRestarts { get { lock (_gate) return _statistics.Restarts; } }

    /// <summary>Time since the last packet arrived (the stream has stopped when this grows).</summary>
    public TimeSpan SinceLastPacket { get { lock (_gate) return _lastArrival == 0 ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(_lastArrival); } }

    /// <summary>The longest time between two packets, as seen by the driver (includes its own stalls).</summary>
    public TimeSpan LongestSilence { get { lock (_gate) return Stopwatch.GetElapsedTime(0, _longestSilence); } }

    public TimeSpan Streamed { get { lock (_gate) return _firstArrival == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstArrival, _lastArrival); } }

    public IReadOnlyList<string> Problems { get { lock (_gate) return [.. _problems]; } }

    public static async Task<StreamingSession> StartAsync(int index, Uri server, string mediaPath, bool udp, TimeSpan keepAliveEvery, CancellationToken cancel)
    {
        var ports = udp ? RtspExchange.AllocateUdp(UdpReceiveBuffer) : null;
        RtspConnection? connection = null;
        try
        {
            if (ports is not null)
                UdpBuffers.Force(ports.Rtp, UdpReceiveBuffer);
            connection = await RtspExchange.ConnectAsync(server, cancel);
            string session = await RtspExchange.SetupAsync(connection, new Uri(server, mediaPath + "/stream=0").ToString(), ports, cancel);
            var stream = new StreamingSession(index, connection, ports, new Uri(server, mediaPath + "/").ToString(), session);
            connection.Closed += reason => stream.Problem($"RTSP connection closed: {reason.Message}");
            if (ports is null)
            {
                connection.InterleavedFrameReceived += (channel, payload) =>
                {
                    if (channel == 0)
                        stream.Count(payload);
                };
            }
            else
            {
                stream._receiving = Task.Run(() => stream.ReceiveUdpAsync(ports.Rtp));
            }
            await RtspExchange.PlayAsync(connection, stream._aggregateUrl, session, "npt=now-", cancel);
            stream._keepingAlive = Task.Run(() => stream.KeepAliveAsync(keepAliveEvery));
            return stream;
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync();
            ports?.Dispose();
            throw;
        }
    }

    /// <summary>Stops the keep-alives and sends TEARDOWN; a failure is recorded as a problem.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _keepingAlive;
        try
        {
            await RtspExchange.TeardownAsync(_connection, _aggregateUrl, _session, CancellationToken.None);
        }
        catch (SoakStepException e)
        {
            // Recorded directly: Problem() ignores what happens once stopping has begun.
            lock (_gate)
                _problems.Add($"TEARDOWN failed: {e.Message}");
        }
    }

    private void Count(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12 || packet[0] >> 6 != 2)
            return;
        ushort sequence = (ushort)(packet[2] << 8 | packet[3]);
        long now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_firstArrival == 0)
                _firstArrival = now;
            else
                _longestSilence = Math.Max(_longestSilence, now - _lastArrival);
            _lastArrival = now;
            _statistics.Update(sequence);
        }
    }

    private async Task ReceiveUdpAsync(Socket socket)
    {
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                Problem($"UDP receive failed: {e.Message}");
                return;
            }
            Count(buffer.AsSpan(0, read));
        }
    }

    private async Task KeepAliveAsync(TimeSpan every)
    {
        while (true)
        {
            try
            {
                await Task.Delay(every, _stop.Token);
                await RtspExchange.KeepAliveAsync(_connection, _aggregateUrl, _session, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SoakStepException e)
            {
                Problem($"keep-alive failed: {e.Message}");
                return;
            }
        }
    }

    private void Problem(string what)
    {
        if (_stop.IsCancellationRequested)
            return;
        lock (_gate)
            _problems.Add(what);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _connection.DisposeAsync();
        _udp?.Dispose();
        await _receiving;
        await _keepingAlive;
        _stop.Dispose();
    }
}
