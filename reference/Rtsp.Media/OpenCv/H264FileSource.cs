using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Rtsp.Protocol.H26x;

namespace Rtsp.Media.OpenCv;

/// <summary>
/// The H.264 stream of a video file (.mp4, .mkv, .mov, .avi) served as it is, without decoding: OpenCV's FFmpeg
/// backend in raw mode (CAP_PROP_FORMAT = -1) returns each packet undecoded, and for MP4/Matroska it runs FFmpeg's
/// h264_mp4toannexb filter, so every packet is one access unit in Annex B with SPS and PPS before each keyframe.
/// The whole file is read at open: every access unit in memory (bounded by <see cref="MaxBytes"/>), which frames
/// are keyframes (seeks start at the one at or before the requested time) and each frame's presentation time.
/// </summary>
public sealed class H264FileSource : IH264MediaSource
{
    /// <summary>Files with more coded bytes are refused (1 GiB: hours of typical 720p H.264).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>OpenCV CAP_PROP_LRF_HAS_KEY_FRAME (not in OpenCvSharp's enum): 1 when the last packet read is a keyframe.</summary>
    private const VideoCaptureProperties HasKeyFrame = (VideoCaptureProperties)67;

    /// <summary>H.264 allows at most 16 frames of reordering (max_dec_frame_buffering).</summary>
    private const int MaxReorderFrames = 16;

    private readonly byte[][] _units;
    private readonly int[] _keyframes;
    private readonly int[] _presentationOffsets;

    private H264FileSource(string path, byte[][] units, int[] keyframes, int[] presentationOffsets, H264ParameterSets parameterSets,
        int width, int height, double frameRate)
    {
        Path = path;
        _units = units;
        _keyframes = keyframes;
        _presentationOffsets = presentationOffsets;
        ParameterSets = parameterSets;
        Width = width;
        Height = height;
        FrameRate = frameRate;
    }

    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public double FrameRate { get; }

    public bool IsLive => false;

    public MediaCodec Codec => MediaCodec.H264;

    public int FrameCount => _units.Length;

    public H264ParameterSets ParameterSets { get; }

    /// <summary>Frame numbers of the keyframes, ascending (frame 0 is always one).</summary>
    public IReadOnlyList<int> Keyframes => _keyframes;

    public ReadOnlyMemory<byte> GetFrame(int index) => _units[index];

    public int SeekFrameAtOrBefore(int frame)
    {
        int found = Array.BinarySearch(_keyframes, frame);
        return found >= 0 ? _keyframes[found] : _keyframes[~found - 1];
    }

    public int PresentationOffset(int index) => _presentationOffsets[index];

    public void Dispose()
    {
    }

    /// <summary>
    /// Reads the H.264 stream of <paramref name="file"/>, or returns null with the reason when the file is
    /// readable but cannot be served this way (another codec, no raw mode, no parameter sets before the first
    /// keyframe): the caller transcodes it instead.
    /// </summary>
    /// <exception cref="MediaOpenException">OpenCV cannot open the file, or it is too large to hold.</exception>
    public static H264FileSource? TryOpen(string path, string file, double fallbackFrameRate, ILogger logger, out string? whyNot)
    {
        var watch = Stopwatch.StartNew();
        using var capture = new VideoCapture(file, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
            throw new MediaOpenException($"{file}: OpenCV (FFmpeg backend) cannot open it as video");
        string fourCc = capture.FourCC;
        if (!fourCc.Equals("h264", StringComparison.OrdinalIgnoreCase) && !fourCc.Equals("avc1", StringComparison.OrdinalIgnoreCase))
        {
            whyNot = $"its video codec is '{fourCc}', not H.264";
            return null;
        }
        if (!capture.Set(VideoCaptureProperties.Format, -1))
        {
            whyNot = "OpenCV's FFmpeg backend refused raw mode (CAP_PROP_FORMAT=-1)";
            return null;
        }
        double fps = FileFrameRate.Read(capture, file, fallbackFrameRate, logger);
        var units = new List<byte[]>();
        var keyframes = new List<int>();
        var presentationFrames = new List<long>();
        long bytes = 0;
        using var packet = new Mat();
        while (capture.Grab() && capture.Retrieve(packet) && !packet.Empty())
        {
            if (units.Count == 0 && capture.Get(HasKeyFrame) < 0.5)
            {
                // Leading frames that refer to a keyframe before them cannot be decoded: skip them.
                continue;
            }
            var unit = new byte[packet.Total() * packet.ElemSize()];
            Marshal.Copy(packet.Data, unit, 0, unit.Length);
            bytes += unit.Length;
            if (bytes > MaxBytes)
                throw new MediaOpenException($"{file}: more than {MaxBytes >> 20} MiB of H.264 after {units.Count} frames; too long to serve from memory (cut it, or serve it with --codec jpeg)");
            if (capture.Get(HasKeyFrame) >= 0.5)
                keyframes.Add(units.Count);
            // OpenCvSharp's PosMsec property is a whole int: read the double.
            presentationFrames.Add((long)Math.Round(capture.Get(VideoCaptureProperties.PosMsec) / 1000 * fps));
            units.Add(unit);
        }
        if (units.Count == 0)
        {
            whyNot = "no keyframe could be read from it in raw mode";
            return null;
        }
        var parameterSets = FindParameterSets(units[0]);
        if (parameterSets is null)
        {
            whyNot = "its first keyframe has no SPS and PPS in-band (the Annex B filter did not add them)";
            return null;
        }
        // Presentation order relative to decoding order, counted from the first frame's presentation time.
        long firstShown = presentationFrames.Min();
        int[] offsets = [.. presentationFrames.Select((shown, decoded) => (int)(shown - firstShown - decoded))];
        if (offsets.Any(o => Math.Abs(o) > MaxReorderFrames))
        {
            // Not B-frame reordering but missing or broken timestamps (e.g. some .avi): timestamps follow decoding order.
            logger.LogWarning("{File}: presentation times in the file do not look like B-frame reordering (frame {Frame} is shown {Offset} frames from its decoding slot); RTP timestamps follow decoding order",
                file, Array.FindIndex(offsets, o => Math.Abs(o) > MaxReorderFrames), offsets.First(o => Math.Abs(o) > MaxReorderFrames));
            offsets = new int[offsets.Length];
        }
        logger.LogInformation("{Path}: H.264 served as it is: {Frames} access units ({Keyframes} keyframes, {Width}x{Height}, {Fps:0.###} fps, profile-level-id {Profile}, {MiB:0.0} MiB) indexed in {Seconds:0.00} s",
            path, units.Count, keyframes.Count, capture.FrameWidth, capture.FrameHeight, fps, parameterSets.ProfileLevelId, bytes / 1048576.0, watch.Elapsed.TotalSeconds);
        whyNot = null;
        return new H264FileSource(path, [.. units], [.. keyframes], offsets, parameterSets, capture.FrameWidth, capture.FrameHeight, fps);
    }

    private static H264ParameterSets? FindParameterSets(byte[] accessUnit)
    {
        byte[]? sps = null, pps = null;
        foreach (var unit in AnnexBSplitter.Split(accessUnit))
        {
            int type = H264Packetizer.NalType(unit.Span);
            if (type == H264Packetizer.SpsType && sps is null && unit.Length >= 4)
                sps = unit.ToArray();
            else if (type == H264Packetizer.PpsType && pps is null)
                pps = unit.ToArray();
        }
        return sps is null || pps is null ? null : new H264ParameterSets(sps, pps);
    }
}
