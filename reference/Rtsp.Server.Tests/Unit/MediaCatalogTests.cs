using Rtsp.Media;
using Rtsp.Media.Pattern;

namespace Rtsp.Server.Tests.Unit;

public class MediaCatalogTests
{
    private string _root = null!;
    private string _outside = null!;

    [SetUp]
    public void CreateTree()
    {
        string temp = Path.Combine(Path.GetTempPath(), "rtsp-catalog-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(temp, "root");
        _outside = Path.Combine(temp, "outside");
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        Directory.CreateDirectory(_outside);
        var clip = Clip(3);
        File.WriteAllBytes(Path.Combine(_root, "sub", "clip.mjpeg"), clip);
        File.WriteAllBytes(Path.Combine(_outside, "secret.mjpeg"), clip);
        File.CreateSymbolicLink(Path.Combine(_root, "link.mjpeg"), Path.Combine(_outside, "secret.mjpeg"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "linkdir"), _outside);
        File.WriteAllBytes(Path.Combine(_root, "broken.mjpeg"), [1, 2, 3]);
    }

    [TearDown]
    public void DeleteTree() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);

    [Test]
    public void Serves_files_at_their_relative_path_and_the_built_ins()
    {
        using var catalog = new MediaCatalog(_root, 25, BuiltIns());
        var source = catalog.Find("sub/clip.mjpeg");
        source.Should().BeOfType<Rtsp.Media.Files.MjpegFileSource>();
        ((IStoredMediaSource)source!).FrameCount.Should().Be(3);
        source.Width.Should().Be(64);
        catalog.Find("sample.mjpeg").Should().NotBeNull();
        catalog.Paths.Should().Contain(["sub/clip.mjpeg", "sample.mjpeg"]);
    }

    [TestCase("../outside/secret.mjpeg")]
    [TestCase("sub/../sub/clip.mjpeg")]
    [TestCase("/sub/clip.mjpeg")]
    [TestCase("sub//clip.mjpeg")]
    [TestCase("./sub/clip.mjpeg")]
    [TestCase("sub\\clip.mjpeg")]
    [TestCase("link.mjpeg")]
    [TestCase("linkdir/secret.mjpeg")]
    [TestCase("broken.mjpeg")]
    [TestCase("")]
    public void Never_serves_escapes_links_or_non_mjpeg(string path)
    {
        using var catalog = new MediaCatalog(_root, 25, BuiltIns());
        catalog.Find(path).Should().BeNull();
    }

    [Test]
    public void A_file_shadows_a_built_in_of_the_same_path()
    {
        File.WriteAllBytes(Path.Combine(_root, "sample.mjpeg"), Clip(2));
        using var catalog = new MediaCatalog(_root, 25, BuiltIns());
        ((IStoredMediaSource)catalog.Find("sample.mjpeg")!).FrameCount.Should().Be(2);
    }

    private static byte[] Clip(int frames)
    {
        var renderer = new PatternRenderer(64, 64, 25);
        return [.. Enumerable.Range(0, frames).SelectMany(i => renderer.RenderJpeg((uint)i))];
    }

    private static IMediaSource[] BuiltIns() => [new GeneratedClip("sample.mjpeg", new PatternRenderer(64, 64, 25), 4)];
}
