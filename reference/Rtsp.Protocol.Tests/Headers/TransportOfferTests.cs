using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

/// <summary>
/// A client's Transport list (RFC 2326 §12.39) read by a server: alternatives with an unknown lower transport are
/// set aside (the server answers 461 if nothing else is left), a broken alternative fails the whole header (400).
/// </summary>
public class TransportOfferTests
{
    [Test]
    public void Unknown_lower_transports_are_set_aside_and_the_rest_kept_in_order()
    {
        TransportOffer.TryParse("RTP/AVP/SCTP;unicast;client_port=5000-5001, RTP/AVP/TCP;interleaved=0-1,RTP/SAVP/FOO, RTP/AVP;unicast;client_port=6000-6001",
            out var offer, out var error).Should().BeTrue(error);
        offer!.Known.Select(s => s.LowerTransport).Should().Equal(LowerTransport.Tcp, LowerTransport.Udp);
        offer.Known[1].ClientPort!.Value.Low.Should().Be(6000);
        offer.UnknownLowerTransports.Should().Equal("RTP/AVP/SCTP;unicast;client_port=5000-5001", "RTP/SAVP/FOO");
    }

    [TestCase("RTP/AVP/DCCP")]
    [TestCase("RTP/AVP/SCTP;unicast")]
    public void A_list_of_only_unknown_lower_transports_parses_with_nothing_known(string value)
    {
        TransportOffer.TryParse(value, out var offer, out _).Should().BeTrue();
        offer!.Known.Should().BeEmpty();
        offer.UnknownLowerTransports.Should().HaveCount(1);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" , ")]
    [TestCase("RTP")]
    [TestCase("RTP/AVP/SCTP/X")]
    [TestCase("RTP/AVP/SC TP")]
    [TestCase("RTP/AVP/SCTP;unicast;a b=1")]
    [TestCase("RTP/AVP/SCTP;client_port=1-2-3")]
    [TestCase("RTP/AVP/SCTP, ;;")]
    [TestCase("RTP/AVP/TCP;interleaved=x")]
    public void A_broken_header_fails_with_a_reason(string? value)
    {
        TransportOffer.TryParse(value, out var offer, out var error).Should().BeFalse();
        offer.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }
}
