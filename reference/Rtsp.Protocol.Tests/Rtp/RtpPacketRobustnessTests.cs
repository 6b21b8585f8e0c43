using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class RtpPacketRobustnessTests
{
    private static readonly byte[][] Seeds =
    [
        Convert.FromHexString("801A1F1000000E1059B50EBF4142"),
        Convert.FromHexString("B19A000100000002DEADBEEF0000000ABEDE000110AA0000010203000003"),
        Convert.FromHexString("8F1A1F1000000E1059B50EBF" + string.Concat(Enumerable.Repeat("01020304", 15)) + "FFD8"),
    ];

    [TestCase(1)]
    [TestCase(2)]
    public void Random_and_mutated_packets_parse_or_give_a_typed_error(int seed)
    {
        var random = new Random(seed);
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 500; i++)
        {
            var input = InputMutator.Mutate(Seeds[i % Seeds.Length], random);
            bool ok;
            try
            {
                ok = RtpPacket.TryParse(input, out var packet, out var error);
                if (ok)
                {
                    // What parses re-serializes to the same length (padding bytes are rewritten as zeros).
                    packet!.SerializedLength.Should().Be(input.Length);
                    RtpPacket.Parse(packet.ToArray()).SerializedLength.Should().Be(input.Length);
                }
                else
                {
                    error.Should().NotBeNullOrEmpty();
                    FluentActions.Invoking(() => RtpPacket.Parse(input)).Should().Throw<RtpFormatException>();
                }
            }
            catch (Exception e) when (e is not AssertionException)
            {
                throw new AssertionException($"seed {seed} input {i} ({Convert.ToHexString(input)}) threw {e.GetType().Name}: {e.Message}", e);
            }
            if (ok)
            {
                parsed++;
            }
            else
            {
                rejected++;
            }
        }
        // Both outcomes must actually occur, or the mutations are not exercising the parser.
        parsed.Should().BeGreaterThan(50);
        rejected.Should().BeGreaterThan(50);
    }
}
