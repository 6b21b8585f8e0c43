using CsCheck;
using Rtsp.Protocol.Rtcp;

namespace Rtsp.Protocol.Tests.Rtcp;

public class RtcpPropertyTests
{
    [Test]
    public void Compounds_of_sr_rr_sdes_bye_and_unknown_packets_round_trip()
    {
        RtcpGenerators.Compounds.Sample(packets =>
        {
            var bytes = RtcpCompoundPacket.Serialize(packets);
            bytes.Length.Should().Be(packets.Sum(packet => packet.SerializedLength));
            (bytes.Length % 4).Should().Be(0);

            var parsed = RtcpCompoundPacket.Parse(bytes);

            parsed.Should().BeEquivalentTo(packets, options => options.RespectingRuntimeTypes().WithStrictOrdering());
            RtcpCompoundPacket.Serialize(parsed).Should().Equal(bytes);
        }, iter: 400);
    }

    [Test]
    public void Ntp_timestamps_round_trip_through_date_time_within_a_tick()
    {
        Gen.Long[new DateTime(1968, 1, 20, 0, 0, 0, DateTimeKind.Utc).Ticks, new DateTime(2104, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks].Sample(ticks =>
        {
            var time = new DateTime(ticks, DateTimeKind.Utc);
            var back = NtpTimestamp.FromDateTime(time).ToDateTime();
            (back - time).Duration().Should().BeLessThanOrEqualTo(TimeSpan.FromTicks(1));
        }, iter: 500);
    }
}
