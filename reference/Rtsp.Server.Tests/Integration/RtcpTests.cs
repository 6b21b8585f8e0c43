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

        // Arrival times of two sockets cannot be compared on a loaded machine: the SR's own count says which packets preceded it.
        var reports = Reports(playback.Receiver);
        var packets = playback.Packets();
        packets[0].Packet.Ssrc.Should().Be(reports[0].Report.Ssrc);
        reports[0].Report.PacketCount.Should().Be((uint)RtpCapture.Frames(packets)[0].Packets.Count, "the first SR follows the first frame");
        foreach (var (report, _) in reports.Take(2))
        {
            int sent = (int)report.PacketCount;
            sent.Should().BeInRange(1, packets.Count);
            var last = packets[sent - 1];
            last.Packet.Marker.Should().BeTrue("an SR goes out between frames");
            ((long)report.OctetCount).Should().Be(packets.Take(sent).Sum(p => (long)p.Packet.Payload.Length));
            // The SR's RTP time against the last frame before it: the difference is the time since that frame (< 0.1 s).
            unchecked((int)(report.RtpTimestamp - last.Timestamp)).Should().BeInRange(0, 9000);
        }
        var first = reports[0].Report;
        var second = reports[1].Report;
        double ntpSeconds = (second.NtpTimestamp.ToDateTime() - first.NtpTimestamp.ToDateTime()).TotalSeconds;
        double rtpSeconds = unchecked((int)(second.RtpTimestamp - first.RtpTimestamp)) / 90000.0;
        rtpSeconds.Should().BeApproximately(ntpSeconds, 0.05, "NTP and RTP clocks advance together");
        ntpSeconds.Should().BeInRange(4.5, 6.5, "about every 5 s");
    }

    private static List<(RtcpSenderReport Report, long Arrival)> Reports(RtpReceiver receiver) =>
        [.. receiver.Rtcp.SelectMany(d => RtcpCompoundPacket.TryParse(d.Data, out var packets, out _)
            ? packets!.OfType<RtcpSenderReport>().Select(r => (r, d.Arrival))
            : [])];
}
