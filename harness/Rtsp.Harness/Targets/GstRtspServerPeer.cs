namespace Rtsp.Harness.Targets;

/// <summary>
/// The GStreamer RTSP server (scripts/peers/gst_rtsp_server.py, run by Debian's python3 which has `gi`): /live (live
/// test pattern) and /avi (a seekable MJPEG AVI) mounts. A real third-party server to judge.
/// </summary>
public static class GstRtspServerPeer
{
    public const string Python = "/usr/bin/python3";

    public static ServerProcess Start(string repositoryRoot, string mediaDirectory)
    {
        var script = RepositoryLayout.GstServerScript(repositoryRoot);
        if (!File.Exists(Python))
        {
            throw new HarnessEnvironmentException($"{Python} is missing: install the peers with scripts/install-deps.sh peers");
        }

        // The first run encodes clip.avi with ffmpeg before listening: allow for it.
        return ServerProcess.Start(Python, [script, "--port", "0", "--media-dir", mediaDirectory], TimeSpan.FromSeconds(60), repositoryRoot);
    }
}
