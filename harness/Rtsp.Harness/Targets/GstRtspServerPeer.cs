namespace Rtsp.Harness.Targets;

/// <summary>
/// The GStreamer RTSP server (scripts/peers/gst_rtsp_server.py, run by Debian's python3 which has `gi`): /live (live
/// test pattern) and /avi (a seekable MJPEG AVI) mounts, /h264 and /h265 (seekable MP4 files), /live-h264 and
/// /live-h265 where this machine has the encoders. A real third-party server to judge.
/// </summary>
public static class GstRtspServerPeer
{
    public const string Python = "/usr/bin/python3";

    /// <param name="extraArguments">The script's other options, e.g. <c>--size 320x240 --fps 15 --seconds 6</c> (clip
    /// geometry) or <c>--rtp-ports 30000-30999</c>; none gives the defaults (640x480, 25 fps, 10 s).</param>
    public static ServerProcess Start(string repositoryRoot, string mediaDirectory, IEnumerable<string>? extraArguments = null)
    {
        var script = RepositoryLayout.GstServerScript(repositoryRoot);
        if (!File.Exists(Python))
        {
            throw new HarnessEnvironmentException($"{Python} is missing: install the peers with scripts/install-deps.sh peers");
        }

        // The first run encodes the clips with ffmpeg before listening: allow for it.
        return ServerProcess.Start(
            Python, [script, "--port", "0", "--media-dir", mediaDirectory, .. extraArguments ?? []], TimeSpan.FromSeconds(60), repositoryRoot);
    }
}
