using System.Diagnostics;
using System.Globalization;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>An RFC 2435-sendable MJPEG test clip made by ffmpeg (STACK.md "MJPEG facts": 4:2:0, standard Huffman tables).</summary>
internal static class MjpegClip
{
    public static void Make(string path, int fps, double seconds, string size)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi",
                     "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc=size={size}:rate={fps}"),
                     "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default",
                     "-force_duplicated_matrix", "1", "-q:v", "5", "-f", "mjpeg", "-y", path])
        {
            info.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        var error = ffmpeg.StandardError.ReadToEndAsync();
        if (!ffmpeg.WaitForExit(TimeSpan.FromSeconds(60)) || ffmpeg.ExitCode != 0)
        {
            ffmpeg.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"ffmpeg could not make {path}: {error.Result}");
        }
    }
}
