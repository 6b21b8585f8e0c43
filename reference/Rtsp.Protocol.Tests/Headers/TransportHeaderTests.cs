using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class TransportHeaderTests
{
    [Test]
    public void Parses_the_gstreamer_udp_reply()
    {
        var spec = TransportHeader.Parse("RTP/AVP;unicast;client_port=50000-50001;server_port=50100-50101;ssrc=59B50EBF;mode=\"PLAY\"").Specs.Single();

        spec.Protocol.Should().Be("RTP");
        spec.Profile.Should().Be("AVP");
        spec.LowerTransport.Should().Be(LowerTransport.Udp);
        spec.Unicast.Should().BeTrue();
        spec.ClientPort.Should().Be(new PortRange(50000, 50001));
        spec.ServerPort.Should().Be(new PortRange(50100, 50101));
        spec.Ssrc.Should().Be(0x59B50EBF);
        spec.Mode.Should().Be("PLAY");
        spec.Validate().Should().BeEmpty();
        spec.ToString().Should().Be("RTP/AVP;unicast;client_port=50000-50001;server_port=50100-50101;ssrc=59B50EBF;mode=\"PLAY\"");
    }

    [Test]
    public void Parses_the_gstreamer_interleaved_reply()
    {
        var spec = TransportSpec.Parse("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=87FE8157;mode=\"PLAY\"");

        spec.LowerTransport.Should().Be(LowerTransport.Tcp);
        spec.Interleaved.Should().Be(new ChannelRange(0, 1));
        spec.ClientPort.Should().BeNull();
        spec.Validate().Should().BeEmpty();
    }

    [Test]
    public void Parses_the_rfc_2326_multicast_example_with_alternatives()
    {
        // RFC 2326 §12.39 and §10.4.
        var header = TransportHeader.Parse(
            "RTP/AVP;multicast;ttl=127;mode=\"PLAY\", RTP/AVP;unicast;client_port=3456-3457;mode=\"PLAY\"");

        header.Specs.Should().HaveCount(2);
        header.Specs[0].Unicast.Should().BeFalse();
        header.Specs[0].Ttl.Should().Be(127);
        header.Specs[1].ClientPort.Should().Be(new PortRange(3456, 3457));
    }

    [TestCase("RTP/AVP;unicast;client_port=4588-4589")]
    [TestCase("RTP/AVP/TCP;interleaved=0-1")]
    [TestCase("RTP/AVP;multicast;destination=224.2.0.1;ttl=16;port=3456-3457")]
    [TestCase("RTP/AVP;unicast;destination=192.168.0.2;source=10.0.0.1;client_port=5000-5001;server_port=6000-6001")]
    [TestCase("RTP/AVP;multicast;append;layers=2;mode=\"RECORD\"")]
    [TestCase("RTP/AVP;unicast;client_port=5000;x-custom=abc;x-flag")]
    [TestCase("RTP/SAVP;unicast;client_port=5000-5001")]
    [TestCase("RTP/AVP;unicast;destination;client_port=5000-5001")]
    public void Round_trips_real_and_rfc_forms(string text)
    {
        var header = TransportHeader.Parse(text);
        header.ToString().Should().Be(text);
        TransportHeader.Parse(header.ToString()).Should().Be(header);
    }

    [Test]
    public void Normalises_case_explicit_udp_and_an_unquoted_mode()
    {
        var spec = TransportSpec.Parse("rtp/avp/udp;UNICAST;Client_Port=8000-8001;mode=play;SSRC=1a");

        spec.LowerTransport.Should().Be(LowerTransport.Udp);
        spec.Unicast.Should().BeTrue();
        spec.ClientPort.Should().Be(new PortRange(8000, 8001));
        spec.Mode.Should().Be("play");
        spec.Ssrc.Should().Be(0x1Au);
        spec.ToString().Should().Be("RTP/AVP;unicast;client_port=8000-8001;ssrc=0000001A;mode=\"play\"");
    }

    [Test]
    public void Keeps_unknown_parameters_in_order()
    {
        var spec = TransportSpec.Parse("RTP/AVP;unicast;x-b=2;client_port=1000-1001;x-a");
        spec.OtherParameters.Should().Equal(("x-b", "2"), ("x-a", (string?)null));
    }

    [Test]
    public void A_quoted_mode_list_does_not_split_the_alternatives()
    {
        var header = TransportHeader.Parse("RTP/AVP;mode=\"PLAY,RECORD\",RTP/AVP/TCP;interleaved=2-3");
        header.Specs.Should().HaveCount(2);
        header.Specs[0].Mode.Should().Be("PLAY,RECORD");
    }

    [Test]
    public void Port_zero_and_reversed_ranges_parse_but_do_not_validate()
    {
        var zero = TransportSpec.Parse("RTP/AVP;unicast;client_port=0");
        zero.ClientPort.Should().Be(new PortRange(0));
        zero.Validate().Should().ContainSingle().Which.Should().Contain("client_port=0");

        var reversed = TransportSpec.Parse("RTP/AVP;unicast;client_port=5001-5000");
        reversed.ClientPort!.Value.IsValid.Should().BeFalse();
        reversed.Validate().Should().NotBeEmpty();

        TransportSpec.Parse("RTP/AVP;interleaved=0-1").Validate().Should().ContainSingle().Which.Should().Contain("TCP");
        TransportSpec.Parse("RTP/AVP/TCP;interleaved=3-2").Validate().Should().NotBeEmpty();
    }

    [TestCase("")]
    [TestCase("RTP")]
    [TestCase("RTP/AVP/SCTP")]
    [TestCase("RTP/AVP/TCP/X")]
    [TestCase("RTP/AVP;client_port=65536")]
    [TestCase("RTP/AVP;client_port=abc")]
    [TestCase("RTP/AVP;client_port=-5")]
    [TestCase("RTP/AVP;client_port=5000-")]
    [TestCase("RTP/AVP;client_port=")]
    [TestCase("RTP/AVP;client_port")]
    [TestCase("RTP/AVP;server_port=1-2-3")]
    [TestCase("RTP/AVP/TCP;interleaved=256")]
    [TestCase("RTP/AVP/TCP;interleaved=a-b")]
    [TestCase("RTP/AVP;ssrc=123456789")]
    [TestCase("RTP/AVP;ssrc=XYZ")]
    [TestCase("RTP/AVP;ttl=256")]
    [TestCase("RTP/AVP;layers=x")]
    [TestCase("RTP/AVP;mode=\"PLAY")]
    [TestCase("RTP/AVP;mode=")]
    [TestCase("RTP/AVP;unicast=1")]
    [TestCase("RTP/AVP;client_port=1;client_port=2")]
    [TestCase("RTP/AVP;unicast;multicast")]
    [TestCase("RTP/AVP;source=")]
    [TestCase("RTP/AVP;destination=a b")]
    [TestCase(",")]
    public void Rejects_malformed_transports(string text)
    {
        TransportHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => TransportHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>().Which.HeaderName.Should().Be("Transport");
    }

    [Test]
    public void Every_transport_in_the_transcripts_round_trips()
    {
        var values = Tests.Rtsp.TranscriptFile.HeaderValues("Transport").ToList();
        values.Should().HaveCountGreaterThan(5);
        foreach (var value in values)
        {
            var header = TransportHeader.Parse(value);
            header.ToString().Should().Be(value);
        }
    }
}
