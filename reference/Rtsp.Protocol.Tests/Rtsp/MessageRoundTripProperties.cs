using CsCheck;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>Serialise then parse gives the same messages, however the bytes are split.</summary>
public class MessageRoundTripProperties
{
    private const int Iterations = 400;

    [Test]
    public void A_message_parses_back_to_the_same_bytes() =>
        MessageGenerators.Message.Sample(message =>
        {
            var bytes = message.ToBytes();
            var parser = new RtspMessageParser();
            parser.Feed(bytes);
            parser.TryReadMessage(out var back).Should().BeTrue();
            back!.GetType().Should().Be(message.GetType());
            back.ToBytes().Should().Equal(bytes);
            back.Body.Should().Equal(message.Body);
            back.Headers.Count.Should().Be(message.Headers.Count + (message.Body.Length > 0 ? 1 : 0));
        }, iter: Iterations);

    [Test]
    public void Pipelined_messages_come_out_the_same_for_any_split() =>
        Gen.Select(MessageGenerators.Message.List[1, 6], MessageGenerators.ChunkSizes).Sample((messages, sizes) =>
        {
            var expected = messages.Select(m => m.ToBytes()).ToList();
            var parser = new RtspMessageParser();
            var got = new List<byte[]>();
            foreach (var chunk in MessageGenerators.Chunks(expected.SelectMany(b => b).ToArray(), sizes))
            {
                parser.Feed(chunk);
                while (parser.TryReadMessage(out var m))
                {
                    got.Add(m!.ToBytes());
                }
            }

            got.Should().HaveCount(expected.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                got[i].Should().Equal(expected[i]);
            }

            parser.HasPartialMessage.Should().BeFalse();
        }, iter: Iterations);

    [Test]
    public void Interleaved_streams_come_out_the_same_for_any_split() =>
        Gen.Select(MessageGenerators.StreamItem.List[1, 10], MessageGenerators.ChunkSizes).Sample((items, sizes) =>
        {
            var demux = new InterleavedDemultiplexer();
            var got = new List<byte[]>();
            foreach (var chunk in MessageGenerators.Chunks(items.SelectMany(b => b).ToArray(), sizes))
            {
                demux.Feed(chunk);
                while (demux.TryReadNext(out var item))
                {
                    got.Add(item switch
                    {
                        InterleavedFrame f => f.ToBytes(),
                        RtspItem m => m.Message.ToBytes(),
                        _ => throw new AssertionException("unknown item"),
                    });
                }
            }

            got.Should().HaveCount(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                got[i].Should().Equal(items[i]);
            }
        }, iter: Iterations);
}
