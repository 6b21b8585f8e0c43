using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Analysis.H26x;

/// <summary>
/// Decodes an Annex B file with the ffmpeg command (Debian's, libavcodec): one run writes a frame checksum line per
/// decoded picture (framecrc) and the first and last pictures as JPEG. Measured against OpenCvSharp's VideoCapture
/// (its bundled FFmpeg) on a libx264 clip with one slice scrambled: VideoCapture stops reading at the broken
/// picture (4 of 10 frames) and reports nothing on a truncated slice it conceals (5 of 5 frames "decoded"), while
/// ffmpeg decodes on (9 of 10), names the missing picture by its index and prints the decoder's error for both.
/// So the judgement is ffmpeg's.
/// </summary>
public static class FfmpegDecoder
{
    /// <summary>What ffmpeg made of a stream: pictures decoded (their indices in output order when it gave them),
    /// the decoder's error lines, the first and last picture as JPEG, or why ffmpeg could not run at all.</summary>
    public sealed record Outcome(int FramesDecoded, IReadOnlyList<long> FrameIndices, IReadOnlyList<string> Errors, byte[]? FirstJpeg, byte[]? LastJpeg, string? NotRun);

    /// <param name="input">The Annex B stream, written by the caller (it may be large: it is never held in memory).</param>
    /// <param name="scratch">A folder for the thumbnails; the caller deletes it.</param>
    /// <param name="pictures">Pictures the stream should give: the last one is taken for the last thumbnail (when
    /// fewer decode there is none). Encoding only that one, not every picture with -update, cut the wall time of a
    /// 10 s 640x480 H.264 stream here from 1.4-2.0 s to 1.0 s (the decode alone: 0.56 s).</param>
    public static Outcome Decode(H26xCodec codec, string input, string scratch, int pictures, TimeSpan timeout)
    {
        string first = Path.Combine(scratch, "first.jpg");
        string last = Path.Combine(scratch, "last.jpg");
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // A raw stream gets timestamps 0, 1, 2... in its 1/25 time base: framecrc's pts is the picture's index.
        foreach (string argument in new[]
        {
            "-hide_banner", "-nostdin", "-v", "error", "-f", codec == H26xCodec.H264 ? "h264" : "hevc", "-i", input,
            "-map", "0:v", "-f", "framecrc", "-",
            "-map", "0:v", "-frames:v", "1", "-q:v", "4", first,
            "-map", "0:v", "-vf", $"select=gte(n\\,{Math.Max(0, pictures - 1).ToString(CultureInfo.InvariantCulture)})", "-frames:v", "1", "-q:v", "4", last,
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
        }
        catch (Win32Exception e)
        {
            return new Outcome(0, [], [], null, null, $"ffmpeg could not be run ({e.Message})");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Outcome(0, [], [], null, null, $"ffmpeg did not finish within {timeout.TotalSeconds:0} s");
            }

            var frames = stdout.Result.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var indices = frames.Select(l => l.Split(',')).Where(f => f.Length > 2)
                .Select(f => long.TryParse(f[2].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long pts) ? pts : -1)
                .ToList();
            var errors = stderr.Result.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            return new Outcome(frames.Count, indices, errors, ReadIfExists(first), ReadIfExists(last), null);
        }
    }

    private static byte[]? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;
}
