using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// GStreamer's gst-rtsp-server (scripts/peers/gst_rtsp_server.py) for one test, serving a temp media folder; disposing
/// stops the process and deletes the folder. A machine where it cannot start makes the test inconclusive, with why.
/// </summary>
public sealed class GstreamerTestPeer : IDisposable
{
    private readonly ServerProcess _server;
    private readonly string _media;

    private GstreamerTestPeer(ServerProcess server, string media)
    {
        _server = server;
        _media = media;
    }

    /// <summary>The seekable /avi mount every GStreamer interop test judges.</summary>
    public string AviUrl => new Uri(_server.BaseUrl, "avi").ToString();

    public static GstreamerTestPeer StartOrInconclusive()
    {
        var media = Directory.CreateTempSubdirectory("gst-media-").FullName;
        try
        {
            return new GstreamerTestPeer(GstRtspServerPeer.Start(HarnessRuns.Root, media), media);
        }
        catch (HarnessEnvironmentException e)
        {
            Directory.Delete(media, recursive: true);
            Assert.Inconclusive($"the GStreamer peer cannot start here: {e.Message}");
            throw;
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_media, recursive: true);
    }
}
