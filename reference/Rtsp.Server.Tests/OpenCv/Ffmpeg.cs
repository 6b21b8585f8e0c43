using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>ffmpeg as these tests run it: `-v error`, so stderr holds only errors (decode errors included).</summary>
public static class Ffmpeg
{
    public static Task<ExternalProcess.Result> RunAsync(TimeSpan timeout, params string[] arguments) =>
        ExternalProcess.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", .. arguments], timeout);

    /// <summary>The CRC of each decoded picture in `-f framecrc -` output (its last field; '#' lines are the header).</summary>
    public static List<string> FrameChecksums(string framecrc) =>
        [.. framecrc.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split(',')[^1].Trim())];
}
