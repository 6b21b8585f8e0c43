using System.Globalization;
using System.Runtime.CompilerServices;
using Rtsp.Harness.Analysis.Streams;

namespace Rtsp.Harness.Analysis.Payload;

/// <summary>
/// A stream's payload format, chosen from the SDP the way a receiver chooses its depacketizer (RFC 8866 §6.6,
/// RFC 3551 §6): the stream's RTP payload type mapped by <c>a=rtpmap</c> in its media section, else a static type
/// (26 = JPEG/90000). Without any SDP (a capture without its DESCRIBE) a dynamic type's format is guessed from the
/// payloads (<see cref="PayloadSniffer"/>), and the evidence says so. Each payload analyzer runs only on the streams
/// of its format.
/// </summary>
public sealed record PayloadFormat(PayloadKind Kind, int PayloadType, string? EncodingName, int? ClockRate, string? Fmtp)
{
    /// <summary>Whether the format was guessed from the payloads (no SDP).</summary>
    public bool Guessed { get; init; }

    private static readonly ConditionalWeakTable<MediaStream, PayloadFormat> Cache = [];

    /// <summary>
    /// H.264 and H.265 send pictures in decoding order, so with B-frames a timestamp may follow a later one. RFC 3550
    /// §5.1 allows exactly that: "Timestamps may not be monotonic if the data is not transmitted in the order it was
    /// sampled, as in the case of MPEG interpolated video frames." (RFC 6184 §5.1 and RFC 7798 §4.1 take the timestamp
    /// as the picture's presentation time.) Only JPEG pictures, each complete in itself, are always sent in sampling
    /// order; a format the harness does not know (or a payload type the SDP does not map) gets the same benefit of the
    /// doubt as H.264.
    /// </summary>
    public bool MayBeSentInDecodingOrder => Kind is not PayloadKind.Jpeg;

    /// <summary>For evidence: "H264/90000 (pt 96)", or "pt 97 (no a=rtpmap)".</summary>
    public string Description => EncodingName is null
        ? $"pt {PayloadType.ToString(CultureInfo.InvariantCulture)} (no a=rtpmap)"
        : Guessed
            ? $"{EncodingName}/{ClockRate?.ToString(CultureInfo.InvariantCulture)} (pt {PayloadType.ToString(CultureInfo.InvariantCulture)}, guessed from the payloads: no SDP)"
            : $"{EncodingName}/{ClockRate?.ToString(CultureInfo.InvariantCulture)} (pt {PayloadType.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>The format of a stream with RTP; its first packet's payload type decides.</summary>
    public static PayloadFormat Of(MediaStream stream, AnalysisInput input) => Cache.GetValue(stream, s => Choose(s, SdpInfo.Of(input)));

    /// <summary>One sentence saying why a format's checks have nothing to judge in this input: the formats seen, or no RTP.</summary>
    public static string NotApplicable(AnalysisInput input, string checksName)
    {
        var formats = MediaStreams.Of(input).Where(s => s.Rtp.Count > 0).Select(s => Of(s, input).Description).Distinct().ToList();
        return formats.Count == 0
            ? "no RTP from the server"
            : $"payload is {string.Join(", ", formats)}: {checksName} checks do not apply";
    }

    private static PayloadFormat Choose(MediaStream stream, SdpInfo sdp)
    {
        int payloadType = stream.Rtp[0].Rtp.PayloadType;
        var media = sdp.MediaFor(stream);
        if (media?.RtpMaps.GetValueOrDefault(payloadType) is { } map)
        {
            return new PayloadFormat(KindOf(map.EncodingName), payloadType, map.EncodingName, map.ClockRate, media.Fmtp.GetValueOrDefault(payloadType));
        }

        return payloadType switch
        {
            26 => new PayloadFormat(PayloadKind.Jpeg, 26, "JPEG", 90000, null), // RFC 3551 §6 Table 5
            >= 96 when sdp.Description is null => Guess(stream, payloadType),
            _ => new PayloadFormat(PayloadKind.Unknown, payloadType, null, null, null),
        };
    }

    private static PayloadFormat Guess(MediaStream stream, int payloadType)
    {
        var kind = PayloadSniffer.Guess(stream);
        string? name = kind switch
        {
            PayloadKind.Jpeg => "JPEG",
            PayloadKind.H264 => "H264",
            PayloadKind.H265 => "H265",
            _ => null,
        };
        return new PayloadFormat(kind, payloadType, name, name is null ? null : 90000, null) { Guessed = name is not null };
    }

    // Encoding names are case-insensitive (RFC 4855 §3, media subtype names).
    private static PayloadKind KindOf(string encodingName) => encodingName.ToUpperInvariant() switch
    {
        "JPEG" => PayloadKind.Jpeg,
        "H264" => PayloadKind.H264,
        "H265" => PayloadKind.H265,
        _ => PayloadKind.Unknown,
    };
}
