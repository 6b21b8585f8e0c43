using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Random and mutated input: a typed error or a result, never any other exception.</summary>
public class JpegRobustnessTests
{
    /// <summary>Flips, overwrites, cuts, duplicates or inserts bytes, mostly in the header part where the parser branches.</summary>
    internal static byte[] Mutate(byte[] original, Random random)
    {
        byte[] bytes = original.ToArray();
        int headerEnd = Math.Min(bytes.Length, 700);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && bytes.Length > 0; e++)
        {
            int at = random.Next(random.Next(4) == 0 ? bytes.Length : Math.Min(headerEnd, bytes.Length));
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00;
                    break;
                case 3:
                    bytes = bytes[..at];
                    break;
                case 4:
                    bytes = [.. bytes[..at], .. bytes[at..Math.Min(bytes.Length, at + random.Next(1, 40))], .. bytes[at..]];
                    break;
                default:
                    bytes = [.. bytes[..at], 0xFF, (byte)random.Next(0xC0, 0x100), .. bytes[at..]];
                    break;
            }
        }

        return bytes;
    }

    [Test]
    public void Random_bytes_give_a_reason_or_a_frame()
    {
        var random = new Random(2435);
        for (int i = 0; i < 300; i++)
        {
            byte[] bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 2)
            {
                bytes[0] = 0xFF; // half of them start like a JPEG, to get past the first check
                bytes[1] = 0xD8;
            }

            ParseAndSend(bytes);
        }
    }

    [Test]
    public void Mutated_real_frames_give_a_reason_or_a_frame_that_survives_the_round_trip()
    {
        byte[][] seeds =
        [
            TestFrames.FfmpegClipFrames()[0],
            TestFrames.EncodePattern(96, 64, restartInterval: 2),
            TestFrames.EncodePattern(64, 48, sampling: TestFrames.Sampling422),
            TestFrames.EncodePattern(64, 48, progressive: true),
            TestFrames.Load("testsrc-160x120-optimal-huffman.jpg"),
        ];
        var random = new Random(90000);
        int accepted = 0;
        for (int i = 0; i < 600; i++)
        {
            accepted += ParseAndSend(Mutate(seeds[i % seeds.Length], random)) ? 1 : 0;
        }

        accepted.Should().BeGreaterThan(10, "some mutations (in the scan, in APP data) leave a sendable frame");
    }

    [Test]
    public void Random_and_mutated_payloads_never_throw_from_the_depacketizer()
    {
        var random = new Random(3550);
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(160, 96, restartInterval: 4));
        IReadOnlyList<byte[]> payloads = new JpegPacketizer(300).Packetize(frame);
        var depacketizer = new JpegDepacketizer(maxFrameSize: 100_000);
        ushort sequence = 0;
        uint timestamp = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] payload = random.Next(3) switch
            {
                0 => RandomBytes(random, random.Next(0, 200)),
                1 => Mutate(payloads[random.Next(payloads.Count)], random),
                _ => payloads[random.Next(payloads.Count)],
            };
            sequence = (ushort)(sequence + random.Next(-1, 3));
            timestamp += random.Next(4) == 0 ? 3600u : 0u;

            JpegFrameResult? result = depacketizer.Push(sequence, timestamp, random.Next(5) == 0, payload);

            result?.Jpeg[..2].Should().Equal(0xFF, 0xD8);
        }

        (depacketizer.IncompleteFrames + depacketizer.UnsupportedFrames + depacketizer.InvalidPackets).Should().BeGreaterThan(0);
    }

    [Test]
    public void Header_fields_changed_alike_in_every_payload_never_throw()
    {
        // A sender with a consistent but odd header (size 0, unknown type, reserved Q, restart interval 0, ...).
        var random = new Random(2035);
        JpegFrameInfo frame = JpegFrameInfo.Parse(TestFrames.EncodePattern(96, 64, restartInterval: 1));
        IReadOnlyList<byte[]> payloads = new JpegPacketizer(300).Packetize(frame);
        for (int i = 0; i < 500; i++)
        {
            int field = random.Next(12); // main header and restart header
            byte value = (byte)random.Next(256);
            var depacketizer = new JpegDepacketizer();
            int results = 0;
            for (int k = 0; k < payloads.Count; k++)
            {
                byte[] payload = payloads[k].ToArray();
                if (field is not (1 or 2 or 3))
                {
                    payload[field] = value; // the fragment offset differs per payload by design
                }

                results += depacketizer.Push((ushort)k, 1000, k == payloads.Count - 1, payload) is null ? 0 : 1;
            }

            (results + depacketizer.IncompleteFrames + depacketizer.UnsupportedFrames).Should().Be(1, $"byte {field} = {value}");
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>True when the frame parsed; then it must also packetize and come back whole.</summary>
    private static bool ParseAndSend(byte[] bytes)
    {
        if (!JpegFrameInfo.TryParse(bytes, out JpegFrameInfo? frame, out JpegRejectReason? reason))
        {
            Action parse = () => JpegFrameInfo.Parse(bytes);
            parse.Should().Throw<JpegFormatException>().Which.Reason.Should().Be(reason!.Value);
            return false;
        }

        JpegFrameResult? result = PacketRoundTrip.Run(frame!, 500);
        result.Should().NotBeNull();
        JpegFrameInfo.TryParse(result!.Jpeg, out JpegFrameInfo? rebuilt, out _).Should().BeTrue();
        rebuilt!.ScanData.ToArray().Should().Equal(frame!.ScanData.ToArray());
        return true;
    }
}
