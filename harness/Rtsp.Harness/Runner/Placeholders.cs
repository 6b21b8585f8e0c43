using System.Globalization;
using System.Text.RegularExpressions;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Fills the placeholders scenario files may use in URLs, header values and raw requests:
/// {target} the presentation URL, {base} rtsp://host:port/, {host}, {port}, {session} the session id,
/// {control} track 0's control URL, {aggregate} the aggregate control URL, {cseq} the next CSeq (each use takes one),
/// {live} the run's live presentation (--live-target; the target itself when it is live).
/// </summary>
public static partial class Placeholders
{
    public static string Fill(string template, TargetInfo target, SessionContext session) =>
        PlaceholderPattern().Replace(template, m => m.Groups[1].Value switch
        {
            "target" => target.Url.ToString(),
            "live" => (target.LiveUrl ?? target.Url).ToString(),
            "base" => target.BaseUrl,
            "host" => target.Host,
            "port" => target.Port.ToString(CultureInfo.InvariantCulture),
            "session" => session.SessionId ?? "no-session-yet",
            "control" => session.TrackUrls.Count > 0 ? session.TrackUrls[0] : target.Url.ToString(),
            "aggregate" => session.AggregateUrl ?? target.Url.ToString(),
            "cseq" => (session.NextCSeq++).ToString(CultureInfo.InvariantCulture),
            _ => m.Value,
        });

    [GeneratedRegex(@"\{(target|live|base|host|port|session|control|aggregate|cseq)\}")]
    private static partial Regex PlaceholderPattern();
}
