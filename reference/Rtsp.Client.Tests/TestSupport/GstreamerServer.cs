using System.Text.RegularExpressions;
using Rtsp.Browser.Tests.Infrastructure;

namespace Rtsp.Client.Tests.TestSupport;

/// <summary>
/// The GStreamer RTSP server peer (scripts/peers/gst_rtsp_server.py, PEERS.md): /live (not seekable) and /avi (an
/// MJPEG AVI of 10 s, 250 frames, seekable), on a free port, with its media in a temporary directory deleted on
/// dispose. Runs under Debian's /usr/bin/python3 (which has the gi bindings).
/// </summary>
public sealed partial class GstreamerServer : IAsyncDisposable
{
    private readonly ReadyLineProcess _process;
    private readonly string _mediaDirectory;

    private GstreamerServer(ReadyLineProcess process, string url, string mediaDirectory)
    {
        _process = process;
        _mediaDirectory = mediaDirectory;
        Url = url.EndsWith('/') ? url : url + "/";
    }

    public string Url { get; }

    public string LiveUrl => Url + "live";

    public string AviUrl => Url + "avi";

    /// <summary>An H.264 MP4 (libx264, GOP 25, B-frames, 10 s) through qtdemux ! h264parse ! rtph264pay config-interval=1.</summary>
    public string H264Url => Url + "h264";

    /// <summary>True when the peer script serves /h264 (the mount came with the clean-peers work; older scripts lack it).</summary>
    public static bool HasH264Mount => File.ReadAllText(Script).Contains("\"/h264\"", StringComparison.Ordinal);

    private static string Script => Path.Combine(RepositoryPaths.Root, "scripts", "peers", "gst_rtsp_server.py");

    public static async Task<GstreamerServer> StartAsync()
    {
        var script = Script;
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing.");
        }

        var media = Directory.CreateTempSubdirectory("rtsp-client-gst-").FullName;
        try
        {
            var (process, url) = await ReadyLineProcess.StartAsync("/usr/bin/python3", [script, "--port", "0", "--media-dir", media], ListeningLine(), TimeSpan.FromSeconds(90));
            return new GstreamerServer(process, url, media);
        }
        catch
        {
            Directory.Delete(media, recursive: true);
            throw;
        }
    }

    [GeneratedRegex(@"listening on (rtsp://\S+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_mediaDirectory, recursive: true);
    }
}
