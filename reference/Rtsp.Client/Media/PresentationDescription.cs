using System.Globalization;
using Rtsp.Protocol;
using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Client.Media;

/// <summary>
/// What the client takes from a DESCRIBE answer: the aggregate control URL for PLAY/PAUSE/TEARDOWN, the video
/// tracks to set up with their resolved control URLs, and whether the stream is on demand (a closed
/// <c>a=range:npt=0-10</c>, so it has a duration and can seek) or live (no range, or an open one like
/// <c>npt=now-</c> or <c>npt=0-</c>).
/// </summary>
public sealed record PresentationDescription(string AggregateControlUrl, IReadOnlyList<VideoTrack> Tracks, double? Duration, IReadOnlyList<string> SkippedMedia)
{
    public bool IsLive => Duration is null;

    /// <summary>
    /// The base URL for relative control URLs (RFC 2326 C.1.1): Content-Base, else Content-Location, else the
    /// request URL.
    /// </summary>
    public static string BaseUrl(string requestUrl, string? contentBase, string? contentLocation)
        => !string.IsNullOrWhiteSpace(contentBase) ? contentBase.Trim()
            : !string.IsNullOrWhiteSpace(contentLocation) ? contentLocation.Trim()
            : requestUrl;

    /// <summary>Reads <paramref name="sdp"/>; media that is not video, or video in an encoding this client cannot
    /// depacketize (RFC 2435 JPEG and RFC 6184 H.264 in packetization-mode 0 or 1 only), is listed in
    /// <see cref="SkippedMedia"/> instead of set up.</summary>
    public static PresentationDescription From(SessionDescription sdp, string baseUrl)
    {
        var sessionControl = sdp.Control;
        var aggregate = string.IsNullOrEmpty(sessionControl) ? baseUrl : ControlUrl.Resolve(baseUrl, sessionControl);
        var tracks = new List<VideoTrack>();
        var skipped = new List<string>();
        var onlyOneMedia = sdp.Media.Count == 1;
        foreach (var media in sdp.Media)
        {
            var format = media.Formats.Count > 0 ? media.Formats[0] : "?";
            if (!string.Equals(media.Type, "video", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add($"{media.Type} {format}");
                continue;
            }

            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var payloadType))
            {
                skipped.Add($"video with format '{format}' (not an RTP payload type)");
                continue;
            }

            var (encoding, clockRate) = RtpMap(media, payloadType);
            IReadOnlyList<byte[]> parameterSets = [];
            if (string.Equals(encoding, "H264", StringComparison.OrdinalIgnoreCase))
            {
                if (!H26xFormatParameters.TryParse(H26xCodec.H264, media.Fmtp.GetValueOrDefault(payloadType), out var format264, out var error) || format264 is null)
                {
                    skipped.Add($"video H264/{clockRate} with an a=fmtp that cannot be read ({error})");
                    continue;
                }

                // RFC 6184 6.2: mode 2 (interleaved) needs decoding-order numbers and a de-interleaving buffer.
                if (format264.PacketizationMode is not (0 or 1))
                {
                    skipped.Add($"video H264/{clockRate} in packetization-mode={format264.PacketizationMode} (only 0 and 1 are depacketized)");
                    continue;
                }

                parameterSets = format264.ParameterSets;
            }
            else if (!string.Equals(encoding, "JPEG", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add($"video {encoding}/{clockRate} (only JPEG, RFC 2435, and H264, RFC 6184, are depacketized)");
                continue;
            }

            var control = media.Control;
            var controlUrl = string.IsNullOrEmpty(control)
                ? (onlyOneMedia ? aggregate : throw new ProtocolFormatException($"The SDP has {sdp.Media.Count} media but media {tracks.Count + skipped.Count} has no a=control (RFC 2326 C.3)."))
                : ControlUrl.Resolve(baseUrl, control);
            tracks.Add(new VideoTrack(tracks.Count, controlUrl, payloadType, clockRate, encoding, media.FrameRate) { ParameterSets = parameterSets });
        }

        return new PresentationDescription(aggregate, tracks, DurationOf(sdp), skipped);
    }

    private static (string Encoding, int ClockRate) RtpMap(MediaDescription media, int payloadType)
    {
        if (media.RtpMaps.TryGetValue(payloadType, out var map))
        {
            return (map.EncodingName, map.ClockRate > 0 ? map.ClockRate : 90000);
        }

        // RFC 3551 Table 5: static payload type 26 is JPEG/90000 and needs no rtpmap.
        return payloadType == VideoTrack.JpegStaticPayloadType ? ("JPEG", 90000) : ($"PT{payloadType}", 90000);
    }

    private static double? DurationOf(SessionDescription sdp)
    {
        // RFC 2326 C.1.5: a=range at session level, or on the media when the session has none.
        var text = sdp.RangeAttribute ?? sdp.Media.Select(m => m.RangeAttribute).FirstOrDefault(r => r is not null);
        if (!RangeHeader.TryParse(text, out var range) || range is not { Unit: RangeUnit.Npt, End: { IsNow: false } end })
        {
            return null;
        }

        var start = range.Start is { IsNow: false } s ? s.Seconds : 0;
        return end.Seconds - start is > 0 and var duration ? duration : null;
    }
}
