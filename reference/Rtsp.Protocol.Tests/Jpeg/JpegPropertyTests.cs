using CsCheck;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Round-trip properties over random sizes, qualities, samplings, restart intervals and payload limits.</summary>
public class JpegPropertyTests
{
    private static readonly Gen<int> PayloadLimit = Gen.Int[JpegPacketizer.MinimumPayloadSize, 9000];

    [Test]
    public void Real_frames_of_any_sendable_size_round_trip_exactly()
    {
        // Sizes are multiples of 8 up to 2040; the area is bounded so the run stays short on 2 cores.
        Gen<(int Width, int Height)> size = Gen.Select(Gen.Int[1, 255], Gen.Int[1, 255])
            .Select((w, h) => (w * 8, h * 8))
            .Where(s => s.Item1 * s.Item2 <= 640 * 480);
        Gen<(int Quality, bool Sampling422, int Restart)> coding = Gen.Select(Gen.Int[5, 100], Gen.Bool, Gen.OneOf(Gen.Const(0), Gen.Int[1, 40]));

        Gen.Select(size, coding, PayloadLimit).Sample((s, c, limit) =>
        {
            byte[] original = TestFrames.EncodePattern(s.Width, s.Height, c.Quality, c.Sampling422 ? TestFrames.Sampling422 : TestFrames.Sampling420, c.Restart, seed: s.Width + s.Height);
            JpegFrameInfo frame = JpegFrameInfo.Parse(original);

            JpegFrameResult? result = PacketRoundTrip.Run(frame, limit);

            result.Should().NotBeNull();
            JpegFrameInfo.Parse(result!.Jpeg).ScanData.ToArray().Should().Equal(frame.ScanData.ToArray());
            TestFrames.ShouldDecodeIdentically(result.Jpeg, original);
        }, iter: 40, threads: 1);
    }

    [Test]
    public void Any_scan_bytes_come_back_behind_the_rebuilt_headers()
    {
        Gen<JpegFrameInfo> frames =
            from width in Gen.Int[1, 255]
            from height in Gen.Int[1, 255]
            from type in Gen.OneOf<byte>(0, 1, 64, 65)
            from restart in Gen.Int[1, 65535]
            from luma in Gen.Byte[1, 255].Array[64]
            from chroma in Gen.Byte[1, 255].Array[64]
            from scan in Gen.Byte.Array[0, 20000]
            select new JpegFrameInfo(width * 8, height * 8, type, [luma, chroma], type >= 64 ? restart : 0, scan);

        Gen.Select(frames, PayloadLimit).Sample((frame, limit) =>
        {
            IReadOnlyList<byte[]> payloads = new JpegPacketizer(limit).Packetize(frame);
            payloads.Should().AllSatisfy(p => p.Length.Should().BeLessThanOrEqualTo(limit));
            payloads.SkipLast(1).Where(p => p.Length != limit).Should().BeEmpty();

            JpegFrameResult? result = PacketRoundTrip.Run(frame, limit);

            ReadOnlySpan<byte> scan = frame.ScanData.Span;
            bool endsWithEoi = scan.Length >= 2 && scan[^2] == 0xFF && scan[^1] == 0xD9;
            byte[] expected = [.. JpegHeaderBuilder.Build(frame.Type, frame.Width, frame.Height, frame.QuantizationTables, frame.RestartInterval), .. scan, .. (endsWithEoi ? Array.Empty<byte>() : [0xFF, 0xD9])];
            result!.Jpeg.Should().Equal(expected);
        }, iter: 300);
    }

    [Test]
    public void Payload_header_parsing_never_throws_and_stays_inside_the_payload()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            if (JpegPayloadHeader.TryParse(bytes, out JpegPayloadHeader header, out string? error))
            {
                header.DataOffset.Should().BeInRange(JpegPayloadHeader.MainHeaderLength, bytes.Length);
                (header.QuantizationTablesOffset + header.QuantizationTablesLength).Should().BeLessThanOrEqualTo(bytes.Length);
            }
            else
            {
                error.Should().NotBeNullOrEmpty();
            }
        }, iter: 5000);
    }

    [Test]
    public void Appendix_A_tables_stay_in_range_and_get_finer_as_Q_rises()
    {
        byte[][] previous = JpegQuantizationTables.FromQ(1);
        for (int q = 2; q <= 99; q++)
        {
            byte[][] tables = JpegQuantizationTables.FromQ(q);
            for (int t = 0; t < 2; t++)
            {
                for (int i = 0; i < 64; i++)
                {
                    tables[t][i].Should().BeGreaterThanOrEqualTo(1);
                    tables[t][i].Should().BeLessThanOrEqualTo(previous[t][i], $"Q {q} table {t} entry {i}");
                }
            }

            previous = tables;
        }

        JpegQuantizationTables.FromQ(50)[0][..4].Should().Equal(16, 11, 12, 14); // K.1 itself, in zigzag order
        JpegQuantizationTables.FromQ(99)[0].Should().OnlyContain(v => v <= 2, "Q 99 scales by 2%");
    }
}
