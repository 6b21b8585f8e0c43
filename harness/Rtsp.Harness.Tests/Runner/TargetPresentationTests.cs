using FluentAssertions;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Runner;

/// <summary>Stored or live from the DESCRIBE's SDP (RFC 2326 Appendix C.1.5), and which requirements that meets.</summary>
public sealed class TargetPresentationTests
{
    private static string Sdp(string? sessionRange, params string?[] mediaRanges)
    {
        var text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n";
        if (sessionRange is not null)
        {
            text += $"a=range:{sessionRange}\r\n";
        }

        foreach (var range in mediaRanges.DefaultIfEmpty(null))
        {
            text += "m=video 0 RTP/AVP 26\r\na=control:stream=0\r\n" + (range is null ? "" : $"a=range:{range}\r\n");
        }

        return text;
    }

    [TestCase("npt=0-10", PresentationKind.Stored)]
    [TestCase("npt=0.000-34.4368", PresentationKind.Stored)]
    [TestCase("npt=now-", PresentationKind.Live)]
    [TestCase("npt=0-", PresentationKind.Live)]
    [TestCase("clock=19961108T142300Z-", PresentationKind.Live)]
    public void The_session_range_says_stored_or_live(string range, PresentationKind kind)
    {
        var presentation = TargetPresentation.FromSdp(Sdp(range));

        presentation.Kind.Should().Be(kind);
        presentation.Evidence.Should().Be("a=range:" + range);
    }

    [Test]
    public void Media_ranges_count_when_the_session_has_none_and_must_agree()
    {
        TargetPresentation.FromSdp(Sdp(null, "npt=now-")).Kind.Should().Be(PresentationKind.Live);
        var mixed = TargetPresentation.FromSdp(Sdp(null, "npt=now-", "npt=0-10"));
        mixed.Kind.Should().Be(PresentationKind.Unknown);
        mixed.Evidence.Should().Contain("disagree");
    }

    [TestCase(null, "no SDP")]
    [TestCase("v=0\r\nnot sdp\r\n", "does not parse")]
    public void Without_a_usable_sdp_the_kind_is_unknown(string? sdp, string why)
    {
        var presentation = TargetPresentation.FromSdp(sdp);

        presentation.Kind.Should().Be(PresentationKind.Unknown);
        presentation.Evidence.Should().Contain(why);
    }

    [Test]
    public void Without_a_range_every_requirement_is_unmet_and_says_why()
    {
        var presentation = TargetPresentation.FromSdp(Sdp(null));

        presentation.Kind.Should().Be(PresentationKind.Unknown);
        presentation.Unmet([MediaRequirement.StoredMedia]).Should().Contain("needs stored-media").And.Contain("no a=range");
        presentation.Unmet([MediaRequirement.LiveMedia]).Should().Contain("needs live-media");
        presentation.Unmet([]).Should().BeNull("a scenario without requirements runs against anything");
    }

    [Test]
    public void A_live_target_meets_live_media_only()
    {
        var live = TargetPresentation.FromSdp(Sdp("npt=now-"));

        live.Unmet([MediaRequirement.LiveMedia]).Should().BeNull();
        live.Unmet([MediaRequirement.StoredMedia]).Should().Be("needs stored-media; the target is live media (a=range:npt=now-)");
    }
}
