using System.Net.Sockets;
using Rtsp.Client;
using Rtsp.Client.Transport;

namespace Rtsp.Soak.Load;

/// <summary>
/// Short sessions, one after another on several concurrent workers: connect, SETUP (UDP or TCP interleaved),
/// PLAY of the stored sample from 0, wait for the first RTP packet, then TEARDOWN and close — or, for the planned
/// 10 %, close without TEARDOWN (<see cref="CyclePlan"/>). Every failure is counted by kind; none is expected.
/// </summary>
public sealed class CycleRunner(Uri server, string mediaPath, CycleStatistics statistics)
{
    /// <summary>The first packet of a PLAY from 0 leaves at the pacer's next tick; 5 s allows a very busy machine.</summary>
    public static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(5);

    private readonly string _aggregateUrl = new Uri(server, mediaPath + "/").ToString();
    private readonly string _trackUrl = new Uri(server, mediaPath + "/stream=0").ToString();

    /// <summary>Runs <paramref name="workers"/> workers until <paramref name="cycleLimit"/> cycle numbers were
    /// handed out (counted over the whole run) or <paramref name="until"/> has passed.</summary>
    public Task RunAsync(int workers, long cycleLimit, DateTime until, CancellationToken cancel) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cycleLimit, until, cancel), cancel)));

    private async Task WorkAsync(long cycleLimit, DateTime until, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested && DateTime.UtcNow < until && statistics.TakeNext(cycleLimit) is long cycle)
        {
            var plan = CyclePlan.For(cycle);
            try
            {
                await RunOneAsync(plan, cancel);
                statistics.Complete(plan);
            }
            catch (SoakStepException e)
            {
                statistics.Errors.Add($"{(plan.Udp ? "UDP" : "TCP")} {e.Kind}", e.Message);
            }
            catch (Exception e) when (e is SocketException or RtspClientException or IOException)
            {
                statistics.Errors.Add($"{(plan.Udp ? "UDP" : "TCP")} {e.GetType().Name}", e.Message);
            }
        }
    }

    private async Task RunOneAsync(CyclePlan plan, CancellationToken cancel)
    {
        // The cycle's own UDP sockets need no large buffer: only the first packet is read.
        using var udp = plan.Udp ? RtspExchange.AllocateUdp(256 * 1024) : null;
        await using var connection = await RtspExchange.ConnectAsync(server, cancel);
        var firstTcpPacket = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.InterleavedFrameReceived += (channel, _) =>
        {
            if (channel == 0)
                firstTcpPacket.TrySetResult();
        };
        string session = await RtspExchange.SetupAsync(connection, _trackUrl, udp, cancel);
        using var mediaDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        mediaDeadline.CancelAfter(RtspExchange.RequestTimeout + MediaTimeout);
        var firstPacket = udp is null ? firstTcpPacket.Task.WaitAsync(mediaDeadline.Token) : ReceiveOneAsync(udp, mediaDeadline.Token);
        await RtspExchange.PlayAsync(connection, _aggregateUrl, session, "npt=0-", cancel);
        try
        {
            await firstPacket;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new SoakStepException("media", $"none within {MediaTimeout.TotalSeconds:0} s of PLAY", $"no RTP packet arrived after PLAY (session {session})");
        }
        if (!plan.Vanish)
            await RtspExchange.TeardownAsync(connection, _aggregateUrl, session, cancel);
        // Vanishing: the connection and the UDP sockets close here with no TEARDOWN sent.
    }

    private static async Task ReceiveOneAsync(UdpPortPair udp, CancellationToken cancel)
    {
        var buffer = new byte[2048];
        await udp.Rtp.ReceiveAsync(buffer, SocketFlags.None, cancel);
    }
}
