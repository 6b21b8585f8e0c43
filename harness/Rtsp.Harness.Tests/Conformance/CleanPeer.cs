using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// One server of the clean-peers matrix (issue 13): a configuration that differs from the reference server's sample
/// (another frame rate, length, size, a live mount, another codec), judged by the whole catalogue. <paramref name="Family"/>
/// groups configurations of one server program, so a deviation of that program is listed once for all of them.
/// </summary>
/// <param name="Start">Starts the server with its own server RTP port range; returns it with the URL to judge.</param>
internal sealed record CleanPeer(string Name, string Family, string Description, Func<(int Low, int High), CleanPeerServer> Start)
{
    public const string Gstreamer = "gstreamer";
    public const string Reference = "reference";

    /// <summary>Every configuration the matrix runs at once.</summary>
    public static IReadOnlyList<CleanPeer> All() =>
    [
        OnGstreamer("gst-mjpeg-320x240-15fps-6s", "avi", "MJPEG AVI 320x240, 15 fps, 6 s (seekable)", "--size", "320x240", "--fps", "15", "--seconds", "6"),
        OnGstreamer("gst-mjpeg-800x600-30fps-14s", "avi", "MJPEG AVI 800x600, 30 fps, 14 s, -q:v 8 (seekable)",
            "--size", "800x600", "--fps", "30", "--seconds", "14", "--mjpeg-quality", "8"),
        OnGstreamer("gst-mjpeg-live-352x288-20fps", "live", "live MJPEG videotestsrc 352x288, 20 fps", "--size", "352x288", "--fps", "20"),
        OnGstreamer("gst-h264-640x480-25fps-10s", "h264", "H.264 MP4 640x480, 25 fps, 10 s, GOP 25 with B-frames (seekable)"),
        OnGstreamer("gst-h265-640x480-25fps-10s", "h265", "H.265 MP4 640x480, 25 fps, 10 s (seekable)"),
        new("ref-h264-copy-640x360-30fps-8s", Reference, "rtsp-ref serve --codec copy: H.264 MP4 640x360, 30 fps, 8 s, GOP 30",
            ports => CleanPeerServer.StartReferenceWithH264(ports)),
    ];

    private static CleanPeer OnGstreamer(string name, string mount, string description, params string[] geometry) =>
        new(name, Gstreamer, $"gst-rtsp-server /{mount}: {description}", ports => CleanPeerServer.StartGstreamer(mount, geometry, ports));

    public override string ToString() => Name;
}
