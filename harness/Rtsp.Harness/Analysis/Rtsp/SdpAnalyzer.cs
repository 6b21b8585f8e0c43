using Rtsp.Harness.Analysis.Payload;
using Rtsp.Harness.Checks;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Harness.Analysis.Rtsp;

/// <summary>
/// The SDP checks, on the DESCRIBE body: structure and line order (RFC 8866 §5), CRLF, the media formats (each RTP
/// payload type static per RFC 3551 §6 or mapped by a=rtpmap, whatever the codec), a=control per media and a=range
/// (RFC 2326 Appendix C). The project's SDP parser is lenient about order, so order is judged here on the raw lines.
/// </summary>
public sealed class SdpAnalyzer : IAnalyzer
{
    /// <summary>RFC 8866 §5: the session-level line types in the order they must appear, then media sections.</summary>
    private const string SessionOrder = "vosiuepcbtrzka";
    private const string MediaOrder = "micbka";

    public IReadOnlyList<CheckDefinition> Checks { get; } =
        [RtspChecks.SdpStructure, RtspChecks.SdpLineEndings, RtspChecks.SdpMediaFormat, RtspChecks.SdpControl, RtspChecks.SdpRange];

    public IEnumerable<CheckResult> Analyze(AnalysisInput input)
    {
        if (string.IsNullOrEmpty(input.SdpText))
        {
            return Checks.Select(c => new CheckResult(c, Verdict.NotApplicable, "no SDP in this run"));
        }

        var text = input.SdpText;
        var results = new List<CheckResult> { Structure(text), LineEndings(text) };
        if (!SessionDescription.TryParse(text, out var sdp, out var error) || sdp is null)
        {
            results.AddRange(Checks.Skip(2).Select(c => new CheckResult(c, Verdict.NotApplicable, $"the SDP does not parse: {error}")));
            return results;
        }

        results.Add(MediaFormats(sdp));
        results.Add(Controls(sdp));
        results.Add(Range(sdp));
        return results;
    }

    private static CheckResult Structure(string text)
    {
        var check = RtspChecks.SdpStructure;
        if (!SessionDescription.TryParse(text, out _, out var error))
        {
            return new CheckResult(check, Verdict.Fail, $"does not parse: {error}");
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != "v=0")
        {
            return new CheckResult(check, Verdict.Fail, $"the first line is \"{lines.FirstOrDefault()}\", not v=0");
        }

        var order = SessionOrder;
        var position = 0;
        var seen = new HashSet<char>();
        for (var i = 0; i < lines.Count; i++)
        {
            var type = lines[i].Length > 1 && lines[i][1] == '=' ? lines[i][0] : '?';
            if (type == 'm')
            {
                order = MediaOrder;
                position = 0;
                seen.Add('m');
                continue;
            }

            var index = order.IndexOf(type, StringComparison.Ordinal);
            if (index < 0 || index < position)
            {
                return new CheckResult(check, Verdict.Fail, $"line {i + 1} \"{lines[i]}\" is out of the RFC 8866 §5 order");
            }

            position = index;
            seen.Add(type);
        }

        var origin = lines.FirstOrDefault(l => l.StartsWith("o=", StringComparison.Ordinal));
        var missing = "ostm".Where(c => !seen.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new CheckResult(check, Verdict.Fail, $"missing mandatory line(s): {string.Join(", ", missing.Select(c => $"{c}="))}");
        }

        var fields = origin![2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return fields == 6
            ? new CheckResult(check, Verdict.Pass, $"{lines.Count} lines in order; \"{origin}\"")
            : new CheckResult(check, Verdict.Fail, $"\"{origin}\" has {fields} fields, not 6");
    }

    private static CheckResult LineEndings(string text)
    {
        var lines = text.Split('\n');
        var bare = lines.Take(lines.Length - 1).Count(l => !l.EndsWith('\r'));
        var unterminated = lines[^1].Length > 0;
        return bare == 0 && !unterminated
            ? new CheckResult(RtspChecks.SdpLineEndings, Verdict.Pass, $"{lines.Length - 1} lines, all CRLF")
            : new CheckResult(RtspChecks.SdpLineEndings, Verdict.Fail,
                $"{bare} line(s) end with a bare LF{(unterminated ? $"; the last line \"{lines[^1]}\" has no line end" : string.Empty)}");
    }

    private static CheckResult MediaFormats(SessionDescription sdp)
    {
        var check = RtspChecks.SdpMediaFormat;
        var rtp = sdp.Media.Where(m => m.Protocol.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase)).ToList();
        if (rtp.Count == 0)
        {
            return new CheckResult(check, Verdict.NotApplicable, sdp.Media.Count == 0
                ? "no media sections"
                : $"no RTP media ({string.Join(", ", sdp.Media.Select(m => $"m={m.Type} {m.Protocol}"))})");
        }

        var named = new List<string>();
        var unmapped = new List<string>();
        foreach (var m in rtp)
        {
            foreach (var format in m.Formats)
            {
                if (!int.TryParse(format, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pt) || pt > 127)
                {
                    unmapped.Add($"m={m.Type} format \"{format}\" is not an RTP payload type number");
                }
                else if (m.RtpMaps.TryGetValue(pt, out var map))
                {
                    named.Add($"m={m.Type} {pt} = {map}");
                }
                else if (StaticPayloadTypes.TryGet(pt, out string name, out int rate))
                {
                    named.Add($"m={m.Type} {pt} = {name}/{rate} (static)");
                }
                else
                {
                    unmapped.Add($"m={m.Type} payload type {pt} has no a=rtpmap{(pt >= 96 ? " (dynamic)" : " and no static assignment")}");
                }
            }
        }

        return unmapped.Count == 0
            ? new CheckResult(check, Verdict.Pass, string.Join("; ", named))
            : new CheckResult(check, Verdict.Fail, string.Join("; ", unmapped));
    }

    private static CheckResult Controls(SessionDescription sdp)
    {
        if (sdp.Media.Count == 0)
        {
            return new CheckResult(RtspChecks.SdpControl, Verdict.Fail, "no media sections");
        }

        var without = sdp.Media.Select((m, i) => (m, i)).Where(x => x.m.Control is null).Select(x => x.i).ToList();
        return without.Count == 0
            ? new CheckResult(RtspChecks.SdpControl, Verdict.Pass, string.Join(", ", sdp.Media.Select(m => $"a=control:{m.Control}")))
            : new CheckResult(RtspChecks.SdpControl, Verdict.Fail, $"media section(s) {string.Join(", ", without)} have no a=control");
    }

    private static CheckResult Range(SessionDescription sdp)
    {
        var value = sdp.RangeAttribute ?? sdp.Media.Select(m => m.RangeAttribute).FirstOrDefault(r => r is not null);
        if (value is null)
        {
            return new CheckResult(RtspChecks.SdpRange, Verdict.Fail, "no a=range at session or media level");
        }

        return RangeHeader.TryParse(value, out _)
            ? new CheckResult(RtspChecks.SdpRange, Verdict.Pass, $"a=range:{value}")
            : new CheckResult(RtspChecks.SdpRange, Verdict.Fail, $"a=range:{value} does not parse as a Range");
    }
}
