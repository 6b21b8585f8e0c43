using OpenCvSharp;

namespace Rtsp.Protocol.Tests.Jpeg;

/// <summary>Real JPEG frames for the RFC 2435 tests: committed ffmpeg files and frames encoded here with OpenCV.</summary>
internal static class TestFrames
{
    /// <summary>OpenCV's IMWRITE_JPEG_SAMPLING_FACTOR, which OpenCvSharp's ImwriteFlags does not name.</summary>
    private const ImwriteFlags JpegSamplingFactor = (ImwriteFlags)7;

    public const int Sampling420 = 0x221111;
    public const int Sampling422 = 0x211111;
    public const int Sampling444 = 0x111111;

    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "jpeg", name);

    public static byte[] Load(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>The frames of the committed 3-frame 4:2:0 ffmpeg clip.</summary>
    public static byte[][] FfmpegClipFrames()
    {
        byte[] clip = Load("testsrc-320x240-420.mjpeg");
        using var index = global::Rtsp.Protocol.Mjpeg.MjpegFileIndex.FromBytes(clip);
        return Enumerable.Range(0, index.FrameCount).Select(i => index.GetFrame(i).ToArray()).ToArray();
    }

    /// <summary>A picture with gradients, edges and noise, so every quantization step matters.</summary>
    public static Mat Pattern(int width, int height, int seed = 1)
    {
        var pixels = new byte[width * height * 3];
        var random = new Random(seed);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte noise = (byte)random.Next(32);
                int p = ((y * width) + x) * 3;
                pixels[p] = (byte)((x * 255 / Math.Max(1, width - 1)) ^ noise);
                pixels[p + 1] = (byte)((y * 255 / Math.Max(1, height - 1)) + noise);
                pixels[p + 2] = (byte)(((x / 8) + (y / 8)) % 2 == 0 ? 40 + noise : 200 - noise);
            }
        }

        using Mat view = Mat.FromPixelData(height, width, MatType.CV_8UC3, pixels);
        Mat mat = view.Clone();
        Cv2.Circle(mat, new Point(width / 2, height / 2), Math.Min(width, height) / 3, new Scalar(255, 255, 255), 3);
        return mat;
    }

    public static byte[] Encode(Mat image, int quality = 80, int sampling = Sampling420, int restartInterval = 0, bool progressive = false, bool optimize = false)
    {
        var parameters = new List<ImageEncodingParam>
        {
            new(ImwriteFlags.JpegQuality, quality),
            new(JpegSamplingFactor, sampling),
        };
        if (restartInterval > 0)
        {
            parameters.Add(new ImageEncodingParam(ImwriteFlags.JpegRstInterval, restartInterval));
        }

        if (progressive)
        {
            parameters.Add(new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1));
        }

        if (optimize)
        {
            parameters.Add(new ImageEncodingParam(ImwriteFlags.JpegOptimize, 1));
        }

        Cv2.ImEncode(".jpg", image, out byte[] jpeg, [.. parameters]);
        return jpeg;
    }

    public static byte[] EncodePattern(int width, int height, int quality = 80, int sampling = Sampling420, int restartInterval = 0, bool progressive = false, bool optimize = false, int seed = 1)
    {
        using Mat image = Pattern(width, height, seed);
        return Encode(image, quality, sampling, restartInterval, progressive, optimize);
    }

    public static byte[] EncodeGray(int width, int height)
    {
        using Mat color = Pattern(width, height);
        using var gray = new Mat();
        Cv2.CvtColor(color, gray, ColorConversionCodes.BGR2GRAY);
        return Encode(gray);
    }

    /// <summary>Decodes both JPEGs and says whether every pixel is the same.</summary>
    public static void ShouldDecodeIdentically(byte[] actual, byte[] expected)
    {
        using Mat a = Cv2.ImDecode(actual, ImreadModes.Color);
        using Mat e = Cv2.ImDecode(expected, ImreadModes.Color);
        a.Empty().Should().BeFalse("the rebuilt JPEG must decode");
        e.Empty().Should().BeFalse("the original JPEG must decode");
        a.Size().Should().Be(e.Size());
        using var difference = new Mat();
        Cv2.Absdiff(a, e, difference);
        Cv2.MinMaxLoc(difference.Reshape(1), out _, out double max);
        max.Should().Be(0, "same quantization tables and standard Huffman tables decode to the same pixels");
    }
}
