using System.Diagnostics;
using Rtsp.Protocol.Rtcp;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

/// <summary>RFC 3550 6.4.1: sender reports name the same instant in NTP and RTP time and count what was sent.</summary>
[Category("Integration")]
public class RtcpTests
{
    [Test]
    public async Task Sender_reports_come_every_few_seconds_with_a_consistent_mapping_and_counts()
    {
        var server = await SharedServer.GetAsync();
        await using var playback = await Playback.SetUpAsync(server);
        (await playback.PlayAsync()).StatusCode.Should().Be(200);
        (await RtpReceiver.WaitForAsync(() => Reports(playback.Receiver).Count >= 2, TimeSpan.FromSeconds(9))).Should().BeTrue("an SR at start and one ~5 s later");

        var reports = Reports(playback.Receiver);
        var packets = playback.Packets();
        foreach (var (report, arrival) in reports.Take(2))
        {
            var before = packets.Where(p => p.Arrival <= arrival).ToList();
            report.Ssrc.Should().Be(packets[0].Packet.Ssrc);
            report.PacketCount.Should().BeInRange((uint)Math.Max(0, before.Count - 40), (uint)before.Count + 40);
            long payload = before.Sum(p => (long)p.Packet.Payload.Length);
            ((long)report.OctetCount).Should().BeInRange(payload - 60_000, payload + 60_000);
            // The SR's RTP time against the last frame before it: the difference is the time since that frame (< 0.1 s).
            uint lastTs = before[^1].Timestamp;
            double seconds = unchecked((int)(report.RtpTimestamp - lastTs)) / 90000.0;
            seconds.Should().BeInRange(-0.05, 0.1);
        }
        var (first, firstArrival) = reports[0];
        var (second, secondArrival) = reports[1];
        double ntpSeconds = (second.NtpTimestamp.ToDateTime() - first.NtpTimestamp.ToDateTime()).TotalSeconds;
        double rtpSeconds = unchecked((int)(second.RtpTimestamp - first.RtpTimestamp)) / 90000.0;
        rtpSeconds.Should().BeApproximately(ntpSeconds, 0.05, "NTP and RTP clocks advance together");
        ((secondArrival - firstArrival) / (double)Stopwatch.Frequency).Should().BeInRange(4, 6.5);
    }

    private static List<(RtcpSenderReport Report, long Arrival)> Reports(RtpReceiver receiver) =>
        [.. receiver.Rtcp.SelectMany(d => RtcpCompoundPacket.TryParse(d.Data, out var packets, out _)
            ? packets!.OfType<RtcpSenderReport>().Select(r => (r, d.Arrival))
            : [])];
}
