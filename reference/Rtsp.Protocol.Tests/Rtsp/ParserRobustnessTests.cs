using CsCheck;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>
/// Hundreds of damaged and random inputs: the parser and the demultiplexer either succeed or throw an
/// <see cref="RtspParseException"/>, never anything else; whatever they accept serialises and parses again.
/// </summary>
public class ParserRobustnessTests
{
    private static readonly byte[][] Seeds = TranscriptFile.Names
        .SelectMany(f => TranscriptFile.Replies(f).Concat(TranscriptFile.Requests(f)))
        .ToArray();

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutator.Mutation.List[1, 4]).Select((seed, mutations) =>
            mutations.Aggregate(Seeds[seed], Mutator.Apply));

    [Test]
    public void Seeds_are_the_recorded_messages() => Seeds.Should().HaveCountGreaterThan(100);

    [Test]
    public void Mutated_real_messages_give_messages_or_a_parse_error() =>
        Gen.Select(Mutated, MessageGenerators.ChunkSizes).Sample(ParserSurvives, iter: 800);

    [Test]
    public void Random_bytes_give_messages_or_a_parse_error() =>
        Gen.Select(Gen.Byte.Array[0, 3000], MessageGenerators.ChunkSizes).Sample(ParserSurvives, iter: 300);

    [Test]
    public void Mutated_interleaved_streams_give_items_or_a_parse_error() =>
        Gen.Select(Mutated.List[1, 4], Gen.Byte.Array[0, 200], MessageGenerators.ChunkSizes).Sample((messages, payload, sizes) =>
        {
            var stream = messages.SelectMany(m => InterleavedFrame.Encode(0, payload).Concat(m)).ToArray();
            var demux = new InterleavedDemultiplexer();
            try
            {
                foreach (var chunk in MessageGenerators.Chunks(stream, sizes))
                {
                    demux.Feed(chunk);
                    while (demux.TryReadNext(out var item))
                    {
                        if (item is RtspItem m)
                        {
                            Reparse(m.Message);
                        }
                    }
                }
            }
            catch (RtspParseException e)
            {
                e.StatusCode.Should().BeOneOf(400, 413, 414, 505);
            }
        }, iter: 400);

    [Test]
    public void A_dead_parser_rethrows_and_never_buffers_more() =>
        Gen.Byte.Array[1, 100].Sample(garbage =>
        {
            var parser = new RtspMessageParser();
            parser.Feed([0, .. garbage]);
            var read = () => parser.TryReadMessage(out _);
            var first = read.Should().Throw<RtspParseException>().Which;
            var feed = () => parser.Feed(garbage);
            feed.Should().Throw<RtspParseException>().Which.Should().BeSameAs(first);
        }, iter: 100);

    private static void ParserSurvives(byte[] input, int[] sizes)
    {
        var parser = new RtspMessageParser();
        try
        {
            foreach (var chunk in MessageGenerators.Chunks(input, sizes))
            {
                parser.Feed(chunk);
                while (parser.TryReadMessage(out var message))
                {
                    Reparse(message!);
                }
            }
        }
        catch (RtspParseException e)
        {
            e.StatusCode.Should().BeOneOf(400, 413, 414, 505);
            e.ReasonPhrase.Should().NotBeNullOrEmpty();
        }
    }

    private static void Reparse(RtspMessage message)
    {
        var bytes = message.ToBytes();
        var again = new RtspMessageParser();
        again.Feed(bytes);
        again.TryReadMessage(out var back).Should().BeTrue();
        back!.ToBytes().Should().Equal(bytes);
    }
}
