using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class RtpSequenceTests
{
    [TestCase((ushort)1, (ushort)0, 1)]
    [TestCase((ushort)0, (ushort)65535, 1)]
    [TestCase((ushort)65535, (ushort)0, -1)]
    [TestCase((ushort)10, (ushort)65530, 16)]
    [TestCase((ushort)100, (ushort)100, 0)]
    [TestCase((ushort)32767, (ushort)0, 32767)]
    [TestCase((ushort)32768, (ushort)0, -32768)]
    public void Difference_is_signed_and_wraps(ushort a, ushort b, int expected)
    {
        RtpSequence.Difference(a, b).Should().Be(expected);
        RtpSequence.IsNewer(a, b).Should().Be(expected > 0);
    }

    [TestCase((ushort)65535, 1, (ushort)0)]
    [TestCase((ushort)0, -1, (ushort)65535)]
    [TestCase((ushort)65000, 1000, (ushort)464)]
    public void Add_wraps_at_2_to_the_16(ushort sequence, int delta, ushort expected)
    {
        RtpSequence.Add(sequence, delta).Should().Be(expected);
    }
}
