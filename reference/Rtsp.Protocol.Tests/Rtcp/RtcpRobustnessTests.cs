using CsCheck;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Tests.Rtp;

namespace Rtsp.Protocol.Tests.Rtcp;

public class RtcpRobustnessTests
{
    [TestCase(1)]
    [TestCase(2)]
    public void Random_and_mutated_compounds_parse_or_give_a_typed_error(int seed)
    {
        var random = new Random(seed);
        // The valid seeds vary per run; a failure prints the exact input that broke the parser.
        var valid = RtcpGenerators.Compounds.Array[40].Single().Select(RtcpCompoundPacket.Serialize).ToArray();
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 600; i++)
        {
            var input = InputMutator.Mutate(valid[i % valid.Length], random);
            try
            {
                if (RtcpCompoundPacket.TryParse(input, out var packets, out var error))
                {
                    // Whatever parses can be written and read back to the same thing.
                    var bytes = RtcpCompoundPacket.Serialize(packets!);
                    RtcpCompoundPacket.Serialize(RtcpCompoundPacket.Parse(bytes)).Should().Equal(bytes);
                    parsed++;
                }
                else
                {
                    error.Should().NotBeNullOrEmpty();
                    FluentActions.Invoking(() => RtcpCompoundPacket.Parse(input)).Should().Throw<RtcpFormatException>();
                    rejected++;
                }
            }
            catch (Exception e) when (e is not AssertionException)
            {
                throw new AssertionException($"seed {seed} input {i} ({Convert.ToHexString(input)}) threw {e.GetType().Name}: {e.Message}", e);
            }
        }
        parsed.Should().BeGreaterThan(50);
        rejected.Should().BeGreaterThan(50);
    }

    [Test]
    public void A_length_field_of_65535_words_on_a_short_datagram_is_rejected()
    {
        var act = () => RtcpCompoundPacket.Parse(Convert.FromHexString("80C9FFFF0000000100000000"));
        act.Should().Throw<RtcpFormatException>().WithMessage("*claims 262144 bytes*");
    }

    [Test]
    public void An_sdes_item_that_is_not_utf8_is_a_typed_error()
    {
        var act = () => RtcpCompoundPacket.Parse(Convert.FromHexString("81CA0003" + "00000001" + "0102C328" + "00000000"));
        act.Should().Throw<RtcpFormatException>().WithMessage("*not valid UTF-8*");
    }
}
