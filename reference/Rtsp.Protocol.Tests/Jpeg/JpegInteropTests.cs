using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>
/// Our packetizer against real receivers (ffmpeg's rtpdec_jpeg, GStreamer's rtpjpegdepay) and our depacketizer
/// against a real sender (ffmpeg's rtpenc_jpeg), over UDP on 127.0.0.1. The frames must come back with the
/// same scan bytes and decode to the same pixels.
/// </summary>
[Category("Interop")]
[NonParallelizable]
public class JpegInteropTests
{
    private const int PayloadType = 26; // RFC 3551: JPEG
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(20);

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("jpeg-interop-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Ffmpeg_packetized_frames_depacketize_to_the_original_pixels()
    {
        byte[][] originals = TestFrames.FfmpegClipFrames();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4 * 1024 * 1024;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = 2000;
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var depacketizer = new JpegDepacketizer();
        var frames = new List<JpegFrameResult>();

        using (var ffmpeg = new ExternalProcess("ffmpeg", "-v", "error", "-re", "-i", TestFrames.PathOf("testsrc-320x240-420.mjpeg"),
                   "-c", "copy", "-f", "rtp", $"rtp://127.0.0.1:{port}"))
        {
            var buffer = new byte[65536];
            DateTime deadline = DateTime.UtcNow + PeerTimeout;
            while (frames.Count < originals.Length && DateTime.UtcNow < deadline)
            {
                int length;
                try
                {
                    length = socket.Receive(buffer);
                }
                catch (SocketException) when (ffmpeg.HasExited)
                {
                    break;
                }

                var (sequence, timestamp, marker, payloadOffset) = ReadRtpHeader(buffer.AsSpan(0, length));
                JpegFrameResult? frame = depacketizer.Push(sequence, timestamp, marker, buffer.AsSpan(payloadOffset, length - payloadOffset));
                if (frame is not null)
                {
                    frames.Add(frame);
                }
            }

            frames.Should().HaveCount(originals.Length, $"ffmpeg said: {ffmpeg.StandardError}");
        }

        depacketizer.IncompleteFrames.Should().Be(0);
        for (int i = 0; i < originals.Length; i++)
        {
            frames[i].Type.Should().Be(1);
            JpegFrameInfo.Parse(frames[i].Jpeg).ScanData.ToArray().Should().Equal(JpegFrameInfo.Parse(originals[i]).ScanData.ToArray());
            TestFrames.ShouldDecodeIdentically(frames[i].Jpeg, originals[i]);
        }
    }

    [Test]
    public void Ffmpeg_reassembles_our_packets_into_the_original_frames()
    {
        byte[][] originals = [TestFrames.EncodePattern(320, 240, seed: 1), TestFrames.EncodePattern(320, 240, seed: 2, restartInterval: 4)];
        int port = FreeUdpPortPair();
        string sdp = Path.Combine(_directory, "stream.sdp");
        File.WriteAllText(sdp, $"v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=jpeg interop\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video {port} RTP/AVP {PayloadType}\r\na=rtpmap:{PayloadType} JPEG/90000\r\n");
        string output = Path.Combine(_directory, "received.mjpeg");

        using (var ffmpeg = new ExternalProcess("ffmpeg", "-v", "error", "-protocol_whitelist", "file,udp,rtp", "-i", sdp,
                   "-c", "copy", "-frames:v", "6", "-f", "mjpeg", "-y", output))
        {
            SendUntilExit(ffmpeg, port, originals);
            ffmpeg.ExitCode.Should().Be(0, ffmpeg.StandardError);
        }

        using MjpegFileIndex received = MjpegFileIndex.Open(output);
        received.FrameCount.Should().BeGreaterThanOrEqualTo(4);
        AssertEachIsOneOf(Enumerable.Range(0, received.FrameCount).Select(i => received.GetFrame(i).ToArray()), originals);
    }

    [Test]
    public void Gstreamer_rtpjpegdepay_reassembles_our_packets_into_the_original_frames()
    {
        byte[][] originals = [TestFrames.EncodePattern(320, 240, seed: 3), TestFrames.EncodePattern(320, 240, seed: 4, sampling: TestFrames.Sampling422)];
        int port = FreeUdpPortPair();
        string pattern = Path.Combine(_directory, "frame-%05d.jpg");

        using (var gst = new ExternalProcess("gst-launch-1.0", "-q", "udpsrc", $"port={port}", "address=127.0.0.1",
                   $"caps=application/x-rtp,media=video,clock-rate=90000,encoding-name=JPEG,payload={PayloadType}",
                   "!", "rtpjpegdepay", "!", "multifilesink", $"location={pattern}"))
        {
            SendUntil(() => gst.HasExited || Directory.GetFiles(_directory, "frame-*.jpg").Length >= 5, port, originals);
            gst.HasExited.Should().BeFalse($"gst-launch stopped: {gst.StandardError}");
        }

        string[] files = [.. Directory.GetFiles(_directory, "frame-*.jpg").Order()];
        files.Length.Should().BeGreaterThanOrEqualTo(4);
        // The newest file may still be being written when the pipeline is stopped.
        AssertEachIsOneOf(files[..^1].Select(File.ReadAllBytes), originals);
    }

    [TestCase(TestFrames.Sampling420, 0)]
    [TestCase(TestFrames.Sampling422, 5)]
    public void Ffmpeg_decodes_our_rebuilt_frames_to_the_same_pixels_as_the_originals(int sampling, int restartInterval)
    {
        // A second decoder (libavcodec's mjpeg) besides OpenCV's libjpeg must agree on the rebuilt headers.
        byte[] original = TestFrames.EncodePattern(176, 144, sampling: sampling, restartInterval: restartInterval);
        JpegFrameResult rebuilt = PacketRoundTrip.Run(JpegFrameInfo.Parse(original), 500)!;

        byte[] originalPixels = DecodeWithFfmpeg(original, "original.jpg");
        byte[] rebuiltPixels = DecodeWithFfmpeg(rebuilt.Jpeg, "rebuilt.jpg");

        originalPixels.Length.Should().Be(176 * 144 * 3);
        rebuiltPixels.Should().Equal(originalPixels);
    }

    private byte[] DecodeWithFfmpeg(byte[] jpeg, string name)
    {
        string input = Path.Combine(_directory, name);
        string output = Path.ChangeExtension(input, ".rgb");
        File.WriteAllBytes(input, jpeg);
        using var ffmpeg = new ExternalProcess("ffmpeg", "-v", "error", "-i", input, "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", output);
        ffmpeg.WaitForExit(PeerTimeout).Should().BeTrue();
        ffmpeg.ExitCode.Should().Be(0, ffmpeg.StandardError);
        return File.ReadAllBytes(output);
    }

    private static void AssertEachIsOneOf(IEnumerable<byte[]> received, byte[][] originals)
    {
        byte[][] scans = originals.Select(o => JpegFrameInfo.Parse(o).ScanData.ToArray()).ToArray();
        foreach (byte[] jpeg in received)
        {
            byte[] scan = JpegFrameInfo.Parse(jpeg).ScanData.ToArray();
            int match = Array.FindIndex(scans, s => s.AsSpan().SequenceEqual(scan));
            match.Should().BeGreaterThanOrEqualTo(0, "every received frame carries the scan of a frame we sent");
            TestFrames.ShouldDecodeIdentically(jpeg, originals[match]);
        }
    }

    private static void SendUntilExit(ExternalProcess peer, int port, byte[][] originals)
    {
        SendUntil(() => peer.HasExited, port, originals);
        peer.WaitForExit(TimeSpan.FromSeconds(5)).Should().BeTrue("the peer stops after its frame count");
    }

    /// <summary>Sends the frames round-robin at 25 fps until <paramref name="done"/> or the timeout: the peer may start listening late.</summary>
    private static void SendUntil(Func<bool> done, int port, byte[][] originals)
    {
        JpegFrameInfo[] frames = originals.Select(o => JpegFrameInfo.Parse(o)).ToArray();
        var packetizer = new JpegPacketizer(1400);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // Not connected: a connected socket reports the ICMP "port unreachable" of a peer not yet listening as an error.
        var peer = new IPEndPoint(IPAddress.Loopback, port);
        var packet = new byte[12 + packetizer.MaxPayloadSize];
        ushort sequence = 1;
        DateTime deadline = DateTime.UtcNow + PeerTimeout;
        for (int n = 0; !done() && DateTime.UtcNow < deadline; n++)
        {
            JpegFrameInfo frame = frames[n % frames.Length];
            int count = packetizer.GetFragmentCount(frame);
            for (int i = 0; i < count; i++)
            {
                int length = packetizer.WriteFragment(frame, i, packet.AsSpan(12));
                WriteRtpHeader(packet, sequence++, (uint)(n * 3600), marker: i == count - 1);
                socket.SendTo(packet.AsSpan(0, 12 + length), SocketFlags.None, peer);
            }

            Thread.Sleep(40);
        }
    }

    /// <summary>RFC 3550 §5.1 fixed header, version 2, no CSRCs, SSRC 0x2435.</summary>
    private static void WriteRtpHeader(Span<byte> packet, ushort sequence, uint timestamp, bool marker)
    {
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], 0x2435);
    }

    private static (ushort Sequence, uint Timestamp, bool Marker, int PayloadOffset) ReadRtpHeader(ReadOnlySpan<byte> packet)
    {
        int csrcs = packet[0] & 0x0F;
        int offset = 12 + (4 * csrcs);
        if ((packet[0] & 0x10) != 0)
        {
            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
        }

        return (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]), BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), (packet[1] & 0x80) != 0, offset);
    }

    /// <summary>An even port whose odd neighbour (RTCP) is free too, as RTP receivers expect.</summary>
    private static int FreeUdpPortPair()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            try
            {
                using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                using var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Close();
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException("no free UDP port pair on 127.0.0.1");
    }
}
