using Rtsp.Harness.Analysis.Streams;
using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Harness.Analysis.Payload;

/// <summary>
/// Guesses a dynamic payload type's format from the payloads when there is no SDP at all (a capture without its
/// DESCRIBE): the format every one of the first packets fits. The three formats hardly overlap: an RFC 2435 payload
/// starts 00 (type-specific) and a first fragment 00 00 00 (offset 0), which is H.264 NAL type 0 (reserved) and
/// H.265 TID 0 (forbidden); an H.264 header read as H.265 has a LayerId above 0 or a reserved type somewhere in
/// 50 packets, so H.265 is tried before H.264 (an H.265 header often reads as a plausible H.264 one). None fitting
/// leaves the format unknown.
/// </summary>
public static class PayloadSniffer
{
    private const int Sample = 50;

    public static PayloadKind Guess(MediaStream stream)
    {
        var payloads = stream.Rtp.Take(Sample).Select(p => p.Rtp.Payload).ToList();
        if (payloads.All(p => IsJpeg(p.Span)))
        {
            return PayloadKind.Jpeg;
        }

        if (payloads.All(p => IsH265(p.Span)))
        {
            return PayloadKind.H265;
        }

        return payloads.All(p => IsH264(p.Span)) ? PayloadKind.H264 : PayloadKind.Unknown;
    }

    private static bool IsJpeg(ReadOnlySpan<byte> payload) =>
        JpegPayloadHeader.TryParse(payload, out var header, out _) && header.Type is 0 or 1 or 64 or 65 && header.Width > 0 && header.Height > 0;

    private static bool IsH264(ReadOnlySpan<byte> payload) =>
        NalUnitHeader.TryParse(H26xCodec.H264, payload, out var header) && payload.Length > 1 && !header.ForbiddenBit
        && header.Type is (>= 1 and <= 23) or NalUnitTypes.H264StapA or NalUnitTypes.H264FuA;

    private static bool IsH265(ReadOnlySpan<byte> payload) =>
        NalUnitHeader.TryParse(H26xCodec.H265, payload, out var header) && payload.Length > 2 && !header.ForbiddenBit
        && header.LayerId == 0 && header.TemporalIdPlusOne > 0
        && header.Type is (>= 0 and <= 9) or (>= 16 and <= 21) or (>= 32 and <= 40) or NalUnitTypes.H265Aggregation or NalUnitTypes.H265Fragmentation;
}
