using CsCheck;
using Rtsp.Protocol.Rtcp;

namespace Rtsp.Protocol.Tests.Rtcp;

public class RtcpPropertyTests
{
    [Test]
    public void Compounds_of_sr_rr_sdes_bye_and_unknown_packets_round_trip_to_the_same_bytes()
    {
        RtcpGenerators.Compounds.Sample(packets =>
        {
            var bytes = RtcpCompoundPacket.Serialize(packets);
            bytes.Length.Should().Be(packets.Sum(packet => packet.SerializedLength));
            (bytes.Length % 4).Should().Be(0);

            RtcpCompoundPacket.Serialize(RtcpCompoundPacket.Parse(bytes)).Should().Equal(bytes);
        }, iter: 500);
    }

    [Test]
    public void Parsed_compounds_have_the_same_typed_content()
    {
        // Structural comparison is slow on 31-block reports, so fewer samples than the byte round trip.
        RtcpGenerators.Compounds.Sample(packets =>
        {
            RtcpCompoundPacket.Parse(RtcpCompoundPacket.Serialize(packets))
                .Should().BeEquivalentTo(packets, options => options.RespectingRuntimeTypes().WithStrictOrdering());
        }, iter: 60);
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
