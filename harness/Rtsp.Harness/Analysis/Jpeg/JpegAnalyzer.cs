using Rtsp.Harness.Analysis.Payload;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Harness.Analysis.Jpeg;

/// <summary>
/// RFC 2435 on every JPEG stream: each frame's fragments (headers, marker, offsets, completeness by sequence
/// number), the type, restart and quantization-table rules, the MTU, and finally every structurally sound frame
/// reassembled with Rtsp.Protocol's <see cref="JpegDepacketizer"/> and decoded with OpenCV at the announced size.
/// A frame cut by the start or end of a play segment (capture started mid-frame, PAUSE) is not judged. Streams of
/// another payload format (<see cref="PayloadFormat"/>) are left to their own analyzers.
/// </summary>
public sealed class JpegAnalyzer : IAnalyzer, IArtifactProducer
{
    /// <summary>Ethernet MTU: the path MTU a server must assume without discovery.</summary>
    public const int PathMtu = Payload.PathMtu.Bytes;

    public static readonly CheckDefinition Consistent = new(
        "jpeg.fragments.consistent", CheckLevel.Must, "RFC 2435 §3.1",
        "Every fragment carries a valid JPEG header, and all fragments of a frame have the same type, Q, width and height");

    public static readonly CheckDefinition Marker = new(
        "jpeg.marker", CheckLevel.Must, "RFC 2435 §3, RFC 3550 §5.1", "The marker bit is set on the last packet of each frame and only there");

    public static readonly CheckDefinition Offsets = new(
        "jpeg.fragments.offsets", CheckLevel.Must, "RFC 2435 §3.1.2",
        "Fragment offsets start at 0 and each continues where the previous fragment's data ended");

    public static readonly CheckDefinition Complete = new(
        "jpeg.frame.complete", CheckLevel.Must, "RFC 2435 §3.1.2, §4.3", "No fragment of a frame is missing (sequence numbers within a frame are contiguous)");

    public static readonly CheckDefinition Type = new(
        "jpeg.type", CheckLevel.Must, "RFC 2435 §3.1.3, §4.1", "The type is 0 or 1 (4:2:2 / 4:2:0), or 64/65 with restart markers");

    public static readonly CheckDefinition Restart = new(
        "jpeg.restart-header", CheckLevel.Must, "RFC 2435 §3.1.7",
        "Types 64-127 carry a restart header with a non-zero interval, the same in every fragment of the frame");

    public static readonly CheckDefinition Dimensions = new(
        "jpeg.dimensions", CheckLevel.Must, "RFC 2435 §3.1.5, §3.1.6", "Width and height are non-zero (at most 2040 px) and match the decoded image");

    public static readonly CheckDefinition Quantization = new(
        "jpeg.qtables", CheckLevel.Must, "RFC 2435 §3.1.4, §3.1.8",
        "Q is 1-99 (standard tables) or 128-255 with a quantization table header in the offset-0 fragment; Q=255 always sends its tables");

    public static readonly CheckDefinition Mtu = new(
        "jpeg.payload.mtu", CheckLevel.Should, "RFC 2435 §4.3, RFC 8085 §3.2", $"Every UDP packet fits a {PathMtu}-byte path MTU with its IP and UDP headers");

    public static readonly CheckDefinition Decode = new(
        "jpeg.decode", CheckLevel.Must, "RFC 2435 §3.1, Appendix A, B",
        "Every complete frame, rebuilt with standard headers from the RTP fields, decodes (OpenCV) as an image of the announced size");

    public IReadOnlyList<CheckDefinition> Checks { get; } = [Consistent, Marker, Offsets, Complete, Type, Restart, Dimensions, Quantization, Mtu, Decode];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input) => Analyze(input, new AnalysisArtifacts());

    public IEnumerable<CheckResult> Analyze(AnalysisInput input, AnalysisArtifacts artifacts)
    {
        var v = new JpegViolations();
        var decodeQueue = new List<FrameToDecode>();
        var jpegStreams = MediaStreams.Of(input).Where(s => s.Rtp.Count > 0 && PayloadFormat.Of(s, input).Kind == PayloadKind.Jpeg).ToList();
        foreach (var stream in jpegStreams)
        {
            Payload.PathMtu.Check(stream, v.Mtu);
            var depacketizer = new JpegDepacketizer();
            foreach (var segment in FrameTimeline.Of(stream, input.Events).Segments)
            {
                for (int k = 0; k < segment.Count; k++)
                {
                    var frame = segment[k];
                    bool sound = new FrameJudgement(stream, segment, k, v).Judge();
                    if (!sound)
                    {
                        continue;
                    }

                    // The layout was judged on the bytes; a skipped sequence number between contiguous fragments
                    // loses nothing, so the depacketizer sees the fragments numbered in a row.
                    JpegFrameResult? result = null;
                    ushort sequence = frame.Packets[0].Rtp.SequenceNumber;
                    foreach (var packet in frame.Packets)
                    {
                        result = depacketizer.Push(sequence++, packet.Rtp.Timestamp, packet.Rtp.Marker, packet.Rtp.Payload.Span) ?? result;
                    }

                    if (result is null)
                    {
                        v.Decode.Add($"{stream.Name}: the frame at packet #{frame.FirstNumber} looked complete but the depacketizer dropped it ({depacketizer.LastDropReason})",
                            frame.FirstNumber);
                    }
                    else
                    {
                        decodeQueue.Add(new FrameToDecode(stream.Name, frame.FirstNumber, result));
                    }
                }
            }
        }

        if (input.DecodeFrames)
        {
            DecodeAll(decodeQueue, v, artifacts);
        }
        else
        {
            v.Decode.Note($"decoding was switched off ({decodeQueue.Count} frames reassembled, none decoded).");
            artifacts.FirstFrameJpeg ??= decodeQueue.FirstOrDefault().Result?.Jpeg;
            artifacts.LastFrameJpeg = decodeQueue.LastOrDefault().Result?.Jpeg ?? artifacts.LastFrameJpeg;
        }
        foreach (var result in v.Results(PayloadFormat.NotApplicable(input, "RFC 2435"), jpegStreams.Count > 0))
        {
            yield return result;
        }
    }

    private static void DecodeAll(List<FrameToDecode> frames, JpegViolations v, AnalysisArtifacts artifacts)
    {
        var failures = new string?[frames.Count];
        Parallel.For(0, frames.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            failures[i] = JpegDecoder.Problem(frames[i].Result.Jpeg, frames[i].Result.Width, frames[i].Result.Height));
        int decoded = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            if (failures[i] is { } problem)
            {
                var target = problem.StartsWith(JpegDecoder.SizeMismatch, StringComparison.Ordinal) ? v.Dimensions : v.Decode;
                target.Add($"{frames[i].Stream}: frame at packet #{frames[i].FirstNumber} {problem}", frames[i].FirstNumber);
                v.Decode.MarkJudged();
                continue;
            }

            decoded++;
            v.Decode.MarkJudged();
            v.Dimensions.MarkJudged();
            artifacts.FirstFrameJpeg ??= frames[i].Result.Jpeg;
            artifacts.LastFrameJpeg = frames[i].Result.Jpeg;
        }

        v.Decode.Metrics["frames_decoded"] = decoded;
        v.Decode.Metrics["decode_failures"] = frames.Count - decoded;
    }

    private readonly record struct FrameToDecode(string Stream, long FirstNumber, JpegFrameResult Result);
}
