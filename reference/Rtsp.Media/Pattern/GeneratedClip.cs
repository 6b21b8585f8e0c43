namespace Rtsp.Media.Pattern;

/// <summary>
/// The built-in sample (sample.mjpeg by default): the test pattern rendered into memory at start, so nothing
/// is written to disk. Frame i shows i in its barcode and i / FrameRate as its time.
/// </summary>
public sealed class GeneratedClip : IStoredMediaSource
{
    private readonly byte[][] _frames;

    public GeneratedClip(string path, PatternRenderer renderer, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        Path = path;
        Width = renderer.Width;
        Height = renderer.Height;
        FrameRate = renderer.FrameRate;
        _frames = new byte[frameCount][];
        // Rendering is CPU-bound and independent per frame: use both cores (250 frames take about a second).
        Parallel.For(0, frameCount, i => _frames[i] = renderer.RenderJpeg((uint)i));
    }

    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public double FrameRate { get; }

    public bool IsLive => false;

    public int FrameCount => _frames.Length;

    public ReadOnlyMemory<byte> GetFrame(int index) => _frames[index];

    public void Dispose()
    {
    }
}
