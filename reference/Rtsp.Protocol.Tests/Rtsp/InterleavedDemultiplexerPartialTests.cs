using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>What a reader can say about the item still arriving when the stream stops (a server that closes mid-frame).</summary>
public class InterleavedDemultiplexerPartialTests
{
    [Test]
    public void A_frame_cut_short_reports_its_channel_length_and_what_arrived()
    {
        var demux = new InterleavedDemultiplexer();
        demux.Feed([0x24, 0x02, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        demux.TryReadNext(out _).Should().BeFalse();
        demux.PartialFrame.Should().Be(new PartialInterleavedFrame(2, 65535, 10));
        demux.HasPartialMessage.Should().BeFalse();
    }

    [Test]
    public void An_incomplete_frame_header_is_not_yet_a_partial_frame_but_is_in_progress()
    {
        var demux = new InterleavedDemultiplexer();
        demux.Feed([0x24, 0x00]);

        demux.PartialFrame.Should().BeNull();
        demux.InProgress.Should().BeTrue();
    }

    [Test]
    public void A_response_cut_short_is_a_partial_message_and_a_complete_one_is_not()
    {
        var demux = new InterleavedDemultiplexer();
        demux.Feed("RTSP/1.0 200 OK\r\nCSeq: 1\r\n"u8);
        demux.HasPartialMessage.Should().BeTrue();

        demux.Feed("\r\n"u8);
        demux.TryReadNext(out var item).Should().BeTrue();
        item.Should().BeOfType<RtspItem>();
        demux.HasPartialMessage.Should().BeFalse();
        demux.PartialFrame.Should().BeNull();
    }
}
