using System.Runtime.CompilerServices;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Harness.Analysis.Streams;

/// <summary>The input's SDP parsed once (or the reason it did not parse), and the media section of a stream.</summary>
public sealed class SdpInfo
{
    private static readonly ConditionalWeakTable<AnalysisInput, SdpInfo> Cache = [];

    private SdpInfo(SessionDescription? description, string? error)
    {
        Description = description;
        Error = error;
    }

    public SessionDescription? Description { get; }

    public string? Error { get; }

    public static SdpInfo Of(AnalysisInput input) => Cache.GetValue(input, i =>
    {
        if (string.IsNullOrWhiteSpace(i.SdpText))
        {
            return new SdpInfo(null, null);
        }

        return SessionDescription.TryParse(i.SdpText, out var description, out var error)
            ? new SdpInfo(description, null)
            : new SdpInfo(null, error);
    });

    /// <summary>The media section whose control URL the stream's SETUP used, else the only video section.</summary>
    public MediaDescription? MediaFor(MediaStream stream)
    {
        if (Description is null)
        {
            return null;
        }

        string? url = stream.Transport?.ControlUrl;
        if (url is not null)
        {
            var byControl = Description.Media.FirstOrDefault(m => m.Control is { Length: > 0 } control
                && (url == control || url.EndsWith("/" + control, StringComparison.Ordinal) || control.EndsWith(url, StringComparison.Ordinal)));
            if (byControl is not null)
            {
                return byControl;
            }
        }

        var video = Description.Media.Where(m => m.Type == "video").ToList();
        return video.Count == 1 ? video[0] : Description.Media.Count == 1 ? Description.Media[0] : null;
    }

    /// <summary>Frame rate from <c>a=framerate</c> (media, then session), else the scenario's nominal rate.</summary>
    public double? FrameRateFor(MediaStream stream, AnalysisInput input)
    {
        if (MediaFor(stream)?.FrameRate is { } rate and > 0)
        {
            return rate;
        }

        var session = Description?.GetAttribute("framerate")?.Value;
        return double.TryParse(session, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double r) && r > 0
            ? r
            : input.NominalFrameRate;
    }
}
