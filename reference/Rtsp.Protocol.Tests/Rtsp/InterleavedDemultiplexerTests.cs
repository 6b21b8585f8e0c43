using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

public class InterleavedDemultiplexerTests
{
    private static readonly byte[] Reply = Encoding.ASCII.GetBytes(
        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 5\r\n\r\n$$$$$");

    private static readonly byte[] Rtp = [0x80, 0x1A, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF];

    [Test]
    public void Encode_writes_dollar_channel_and_big_endian_length()
    {
        InterleavedFrame.Encode(1, Rtp).Should().Equal([(byte)'$', 1, 0x00, 0x08, .. Rtp]);
        InterleavedFrame.Encode(0, new byte[300]).AsSpan(0, 4).ToArray().Should().Equal((byte)'$', 0, 0x01, 0x2C);
    }

    [Test]
    public void Encode_rejects_a_payload_longer_than_16_bits()
    {
        var act = () => InterleavedFrame.Encode(0, new byte[65536]);
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Frames_and_messages_interleave_in_any_order()
    {
        var stream = Concat(
            InterleavedFrame.Encode(0, Rtp), Reply, InterleavedFrame.Encode(1, [1, 2, 3]), InterleavedFrame.Encode(0, []), Reply);

        var items = ReadAll(stream, chunk: stream.Length);

        items.Should().HaveCount(5);
        items[0].Should().BeOfType<InterleavedFrame>().Which.Payload.Should().Equal(Rtp);
        items[1].Should().BeOfType<RtspItem>().Which.Message.Body.Should().Equal("$$$$$"u8.ToArray());
        items[2].Should().BeOfType<InterleavedFrame>().Which.Channel.Should().Be(1);
        items[3].Should().BeOfType<InterleavedFrame>().Which.Payload.Should().BeEmpty();
        items[4].Should().BeOfType<RtspItem>();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    public void Splitting_the_stream_anywhere_changes_nothing(int chunk)
    {
        var stream = Concat(Reply, InterleavedFrame.Encode(0, Rtp), InterleavedFrame.Encode(1, new byte[1000]), Reply);
        var whole = ReadAll(stream, stream.Length);
        var split = ReadAll(stream, chunk);

        split.Should().HaveCount(4);
        split.Select(Describe).Should().Equal(whole.Select(Describe));
    }

    [Test]
    public void A_blank_line_between_a_message_and_a_frame_is_skipped()
    {
        var items = ReadAll(Concat("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n\r\n"u8.ToArray(), InterleavedFrame.Encode(0, Rtp)), 64);
        items.Select(Describe).Should().Equal("RTSP 1", "$0:8");
    }

    [Test]
    public void A_malformed_message_between_frames_is_an_error_after_the_frames_before_it()
    {
        var demux = new InterleavedDemultiplexer();
        demux.Feed(Concat(InterleavedFrame.Encode(0, Rtp), "GARBAGE\0\r\n"u8.ToArray()));

        demux.TryReadNext(out var item).Should().BeTrue();
        item.Should().BeOfType<InterleavedFrame>();
        var read = () => demux.TryReadNext(out _);
        read.Should().Throw<RtspParseException>().Which.Error.Should().Be(RtspParseError.ControlCharacters);
        demux.IsFaulted.Should().BeTrue();
    }

    [Test]
    public void A_partial_frame_waits_for_its_payload()
    {
        var demux = new InterleavedDemultiplexer();
        var frame = InterleavedFrame.Encode(3, Rtp);
        demux.Feed(frame.AsSpan(0, 6));
        demux.TryReadNext(out _).Should().BeFalse();

        demux.Feed(frame.AsSpan(6));
        demux.TryReadNext(out var item).Should().BeTrue();
        item.Should().Be(item as InterleavedFrame).And.BeOfType<InterleavedFrame>().Which.Channel.Should().Be(3);
    }

    internal static string Describe(InterleavedItem item) => item switch
    {
        InterleavedFrame f => $"${f.Channel}:{f.Payload.Length}",
        RtspItem m => $"RTSP {m.Message.CSeq}",
        _ => "?",
    };

    internal static List<InterleavedItem> ReadAll(byte[] stream, int chunk)
    {
        var demux = new InterleavedDemultiplexer();
        var items = new List<InterleavedItem>();
        for (var offset = 0; offset < stream.Length; offset += chunk)
        {
            demux.Feed(stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset)));
            while (demux.TryReadNext(out var item))
            {
                items.Add(item!);
            }
        }

        return items;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
