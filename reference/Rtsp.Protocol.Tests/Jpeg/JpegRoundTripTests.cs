using Rtsp.Protocol.Jpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Real frames through packetizer and depacketizer: the scan comes back byte for byte, the pixels exactly.</summary>
public class JpegRoundTripTests
{
    private static IEnumerable<TestCaseData> SendableFrames()
    {
        yield return new TestCaseData("ffmpeg 4:2:0 frame 0", (Func<byte[]>)(() => TestFrames.FfmpegClipFrames()[0]));
        yield return new TestCaseData("ffmpeg 4:2:0 frame 2", (Func<byte[]>)(() => TestFrames.FfmpegClipFrames()[2]));
        yield return new TestCaseData("ffmpeg one chroma table", (Func<byte[]>)(() => TestFrames.Load("testsrc-320x240-420-single-chroma-table.jpg")));
        yield return new TestCaseData("OpenCV 4:2:0 q80", (Func<byte[]>)(() => TestFrames.EncodePattern(640, 480)));
        yield return new TestCaseData("OpenCV 4:2:2 q95", (Func<byte[]>)(() => TestFrames.EncodePattern(320, 240, quality: 95, sampling: TestFrames.Sampling422)));
        yield return new TestCaseData("OpenCV 4:2:0 restart 5", (Func<byte[]>)(() => TestFrames.EncodePattern(320, 240, restartInterval: 5)));
        yield return new TestCaseData("OpenCV 4:2:2 restart 1", (Func<byte[]>)(() => TestFrames.EncodePattern(176, 144, sampling: TestFrames.Sampling422, restartInterval: 1)));
        yield return new TestCaseData("OpenCV 4:2:0 q10 odd MCU count", (Func<byte[]>)(() => TestFrames.EncodePattern(72, 40, quality: 10)));
    }

    [TestCaseSource(nameof(SendableFrames))]
    public void Round_trip_keeps_the_scan_and_the_pixels(string name, Func<byte[]> make)
    {
        byte[] original = make();
        JpegFrameInfo frame = JpegFrameInfo.Parse(original);

        JpegFrameResult? result = PacketRoundTrip.Run(frame, maxPayloadSize: 1400);

        result.Should().NotBeNull(name);
        result!.Width.Should().Be(frame.Width);
        result.Height.Should().Be(frame.Height);
        result.Type.Should().Be(frame.Type);
        result.Q.Should().Be(255);
        result.RestartInterval.Should().Be(frame.RestartInterval);
        JpegFrameInfo rebuilt = JpegFrameInfo.Parse(result.Jpeg);
        rebuilt.ScanData.ToArray().Should().Equal(frame.ScanData.ToArray());
        rebuilt.QuantizationTables[0].Should().Equal(frame.QuantizationTables[0]);
        rebuilt.QuantizationTables[1].Should().Equal(frame.QuantizationTables[1]);
        TestFrames.ShouldDecodeIdentically(result.Jpeg, original);
    }

    [TestCase(200)]
    [TestCase(576)]
    [TestCase(1400)]
    [TestCase(9000)]
    public void Round_trip_holds_for_every_payload_limit(int limit)
    {
        byte[] original = TestFrames.EncodePattern(320, 240, restartInterval: 3);
        JpegFrameInfo frame = JpegFrameInfo.Parse(original);

        JpegFrameResult? result = PacketRoundTrip.Run(frame, limit);

        result.Should().NotBeNull();
        JpegFrameInfo.Parse(result!.Jpeg).ScanData.ToArray().Should().Equal(frame.ScanData.ToArray());
        TestFrames.ShouldDecodeIdentically(result.Jpeg, original);
    }

    [Test]
    public void Consecutive_frames_of_a_clip_all_complete()
    {
        var depacketizer = new JpegDepacketizer();
        byte[][] frames = TestFrames.FfmpegClipFrames();
        ushort sequence = 65530; // wraps during the clip
        for (int f = 0; f < frames.Length; f++)
        {
            JpegFrameInfo frame = JpegFrameInfo.Parse(frames[f]);
            int count = new JpegPacketizer(576).GetFragmentCount(frame);

            JpegFrameResult? result = PacketRoundTrip.Run(frame, 576, depacketizer, sequence, (uint)(f * 3600));

            result.Should().NotBeNull();
            result!.Timestamp.Should().Be((uint)(f * 3600));
            TestFrames.ShouldDecodeIdentically(result.Jpeg, frames[f]);
            sequence = (ushort)(sequence + count);
        }

        depacketizer.CompleteFrames.Should().Be(frames.Length);
        depacketizer.IncompleteFrames.Should().Be(0);
    }
}
