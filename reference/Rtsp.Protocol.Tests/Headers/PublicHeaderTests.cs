using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class PublicHeaderTests
{
    [TestCase("OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, PLAY, RECORD, SETUP, SET_PARAMETER, TEARDOWN", 10)]
    [TestCase("OPTIONS, DESCRIBE, TEARDOWN, SETUP, PLAY, STOP", 6)]
    [TestCase("DESCRIBE,SETUP,TEARDOWN,PLAY,PAUSE", 5)]
    [TestCase("OPTIONS,, PLAY ,", 2)]
    public void Parses_method_lists(string text, int count)
    {
        var header = PublicHeader.Parse(text);
        header.Methods.Should().HaveCount(count);
        PublicHeader.Parse(header.ToString()).Should().Be(header);
    }

    [Test]
    public void Contains_is_case_sensitive_as_methods_are()
    {
        var header = PublicHeader.Parse("OPTIONS, PLAY");
        header.Contains("PLAY").Should().BeTrue();
        header.Contains("play").Should().BeFalse();
        header.ToString().Should().Be("OPTIONS, PLAY");
    }

    [TestCase("")]
    [TestCase(" , ")]
    [TestCase("PLAY, SET PARAMETER")]
    [TestCase("PLAY;x")]
    public void Rejects_what_is_not_a_method_list(string text)
    {
        PublicHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => PublicHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>();
    }
}
