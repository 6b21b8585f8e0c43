using Rtsp.Harness.Analysis.Payload;
using Rtsp.Harness.Analysis.Streams;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.H26x;

namespace Rtsp.Harness.Analysis.H26x;

/// <summary>
/// RFC 6184 (H.264) or RFC 7798 (H.265) on every stream whose <c>a=rtpmap</c> names the codec: packet structure,
/// fragmentation, header bits, NAL unit types, marker and timestamps per access unit, parameter sets, and every
/// decodable access unit decoded with ffmpeg (the first and last picture become the report's thumbnails). One
/// instance per codec (<see cref="H26xChecks.H264"/>, <see cref="H26xChecks.H265"/>); streams of other formats leave
/// its checks not applicable, saying which format they carry.
/// </summary>
public sealed class H26xAnalyzer(H26xChecks checks) : IAnalyzer, IArtifactProducer
{
    /// <summary>Longest a decode may take before it is given up (generous: 2 shared cores, a long capture).</summary>
    public static readonly TimeSpan DecodeTimeout = TimeSpan.FromMinutes(2);

    public IReadOnlyList<CheckDefinition> Checks => checks.All;

    public IEnumerable<CheckResult> Analyze(AnalysisInput input) => Analyze(input, new AnalysisArtifacts());

    public IEnumerable<CheckResult> Analyze(AnalysisInput input, AnalysisArtifacts artifacts)
    {
        var v = new H26xViolations(checks);
        var kind = checks.Codec == H26xCodec.H264 ? PayloadKind.H264 : PayloadKind.H265;
        var streams = MediaStreams.Of(input).Where(s => s.Rtp.Count > 0 && PayloadFormat.Of(s, input).Kind == kind).ToList();
        foreach (var stream in streams)
        {
            var scratch = Directory.CreateTempSubdirectory("rtsp-harness-h26x-");
            try
            {
                AnalyzeStream(input, stream, scratch.FullName, v, artifacts);
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        }

        return v.Results(PayloadFormat.NotApplicable(input, checks.Rfc), streams.Count > 0);
    }

    private void AnalyzeStream(AnalysisInput input, MediaStream stream, string scratch, H26xViolations v, AnalysisArtifacts artifacts)
    {
        string annexB = Path.Combine(scratch, checks.Codec == H26xCodec.H264 ? "stream.h264" : "stream.h265");
        H26xStreamAnalysis analysis;
        using (Stream sink = input.DecodeFrames ? File.Create(annexB) : Stream.Null)
        {
            analysis = new H26xStreamAnalysis(checks, stream, PayloadFormat.Of(stream, input), v, sink);
            analysis.Run(input);
        }

        if (analysis.NotDecodable > 0)
        {
            v.Decode.Note($"{stream.Name}: {analysis.NotDecodable} picture(s) not decoded: no random-access picture before them, leading pictures of the CRA decoding started at, or loss broke the chain.");
        }

        if (analysis.Pictures.Count == 0)
        {
            return;
        }

        if (!input.DecodeFrames)
        {
            v.Decode.Note($"decoding was switched off ({analysis.Pictures.Count} pictures reassembled, none decoded).");
            return;
        }

        Decode(analysis, annexB, scratch, v, artifacts);
    }

    private void Decode(H26xStreamAnalysis analysis, string annexB, string scratch, H26xViolations v, AnalysisArtifacts artifacts)
    {
        var outcome = FfmpegDecoder.Decode(checks.Codec, annexB, scratch, analysis.Pictures.Count, DecodeTimeout);
        if (outcome.NotRun is { } reason)
        {
            v.Decode.Note($"not decoded: {reason}.");
            return;
        }

        var pictures = analysis.Pictures;
        v.Decode.MarkJudged();
        v.Decode.Metrics["frames_decoded"] = v.Decode.Metrics.GetValueOrDefault("frames_decoded") + outcome.FramesDecoded;
        v.Decode.Metrics["access_units"] = v.Decode.Metrics.GetValueOrDefault("access_units") + pictures.Count;
        if (outcome.FramesDecoded < pictures.Count)
        {
            // Pictures come out numbered 0, 1, 2... in output order (the raw stream's time base); the first number
            // missing is the first picture, in output order, that did not decode.
            var decoded = outcome.FrameIndices.ToHashSet();
            int missing = Enumerable.Range(0, pictures.Count).FirstOrDefault(i => !decoded.Contains(i), outcome.FramesDecoded);
            var record = analysis.PicturesInOutputOrder()[Math.Min(missing, pictures.Count - 1)];
            v.Decode.Add($"{outcome.FramesDecoded} of {pictures.Count} access units decoded; the first that did not: {analysis.Describe(record)}{ErrorSuffix(outcome)}",
                record.FirstPacket);
        }
        else if (outcome.Errors.Count > 0)
        {
            v.Decode.Add($"all {pictures.Count} access units gave a picture, but the decoder reported errors (concealed){ErrorSuffix(outcome)}", pictures[0].FirstPacket);
        }
        else
        {
            v.Decode.Note($"{analysis.StreamName}: {outcome.FramesDecoded} of {pictures.Count} access units decoded.");
        }

        artifacts.FirstFrameJpeg ??= outcome.FirstJpeg;
        artifacts.LastFrameJpeg = outcome.LastJpeg ?? artifacts.LastFrameJpeg;
    }

    private static string ErrorSuffix(FfmpegDecoder.Outcome outcome) =>
        outcome.Errors.Count == 0 ? "" : $" (ffmpeg: {string.Join(" | ", outcome.Errors.Take(3))}{(outcome.Errors.Count > 3 ? $" and {outcome.Errors.Count - 3} more lines" : "")})";
}
