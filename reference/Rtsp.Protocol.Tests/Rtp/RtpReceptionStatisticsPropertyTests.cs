using CsCheck;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Protocol.Tests.Rtp;

public class RtpReceptionStatisticsPropertyTests
{
    private enum Fate
    {
        Arrives,
        Lost,
        Duplicated,
        SwappedWithNext,
    }

    // A stream of N packets from a random start (often just below the wrap), each with a fate; first and last arrive.
    private static readonly Gen<(ushort Start, Fate[] Fates)> Streams =
        Gen.Select(
            Gen.OneOf(Gen.UShort, Gen.UShort[63000, 65535]),
            Gen.Frequency((90, Gen.Const(Fate.Arrives)), (4, Gen.Const(Fate.Lost)), (3, Gen.Const(Fate.Duplicated)), (3, Gen.Const(Fate.SwappedWithNext)))
                .Array[10, 3000],
            (start, fates) =>
            {
                fates[0] = Fate.Arrives;
                fates[^1] = Fate.Arrives;
                return (start, fates);
            });

    [Test]
    public void Loss_duplicates_and_reordering_add_up_for_random_streams()
    {
        Streams.Sample(stream =>
        {
            var (start, fates) = stream;
            var arrivals = new List<int>();
            int lost = 0, duplicated = 0, swapped = 0;
            for (int i = 0; i < fates.Length; i++)
            {
                switch (fates[i])
                {
                    case Fate.Lost:
                        lost++;
                        break;
                    case Fate.Duplicated:
                        arrivals.Add(i);
                        arrivals.Add(i);
                        duplicated++;
                        break;
                    case Fate.SwappedWithNext when i + 2 < fates.Length:
                        arrivals.Add(i + 1);
                        arrivals.Add(i);
                        swapped++;
                        i++; // the next one has arrived already
                        break;
                    default:
                        arrivals.Add(i);
                        break;
                }
            }

            var statistics = new RtpReceptionStatistics();
            foreach (int index in arrivals)
            {
                statistics.Update((ushort)(start + index));
            }

            statistics.Expected.Should().Be(fates.Length);
            statistics.Received.Should().Be(arrivals.Count);
            statistics.CumulativeLost.Should().Be(lost - duplicated);
            statistics.Duplicates.Should().Be(duplicated);
            statistics.Reordered.Should().Be(swapped);
            statistics.ExtendedHighestSequence.Should().Be((uint)(start + fates.Length - 1));
        }, iter: 300);
    }
}
