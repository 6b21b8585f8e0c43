using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using Rtsp.Media.OpenCv;
using Rtsp.Media.Pattern;

namespace Rtsp.Benchmarks.Transcode;

/// <summary>
/// What the OpenCV transcoder costs per frame, one thread (operations per second = frames per second):
/// encoding a decoded picture to RFC 2435-safe JPEG (what a live capture pays per frame while watched), and
/// decoding a 4:4:4 optimized-Huffman JPEG then re-encoding it (the .mjpeg transcoding fallback). Video files
/// are transcoded on both cores, so a file's rate is up to about twice the encode figure minus its codec's decode.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TranscodeBenchmarks
{
    private const ImwriteFlags SamplingFactor = (ImwriteFlags)7;

    private readonly Rfc2435JpegEncoder _encoder = new();
    private Mat _picture = null!;
    private byte[] _unsendable = null!;

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _picture = new PatternRenderer(int.Parse(parts[0]), int.Parse(parts[1]), 25).Render(1234);
        Cv2.ImEncode(".jpg", _picture, out _unsendable,
            new ImageEncodingParam[] { new(ImwriteFlags.JpegQuality, 90), new(SamplingFactor, 0x111111), new(ImwriteFlags.JpegOptimize, 1) });
    }

    [GlobalCleanup]
    public void Cleanup() => _picture.Dispose();

    [Benchmark]
    public int Encode() => _encoder.Encode(_picture).Length;

    [Benchmark]
    public int DecodeAndEncode()
    {
        using var decoded = Cv2.ImDecode(_unsendable, ImreadModes.Color);
        return _encoder.Encode(decoded).Length;
    }
}
