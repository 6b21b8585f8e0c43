using System.Globalization;
using System.Text.RegularExpressions;

namespace Rtsp.Harness.Scenarios;

/// <summary>
/// A frame-count bound of <c>expect_rtp</c>: absolute (<c>frames_at_least: 40</c>) or relative to the target's frame
/// rate (<c>80%</c> = 80 % of rate × window; <c>110% of 2s</c> = 110 % of rate × 2 s, for a window that outlasts the
/// media left after a seek). Relative bounds make one scenario fit a 15 fps camera and a 30 fps file alike.
/// </summary>
/// <param name="Percent">Null for an absolute count.</param>
/// <param name="Of">The span the percentage is of; null = the window.</param>
public sealed partial record FrameCount(int? Absolute, double? Percent, TimeSpan? Of)
{
    public static FrameCount Exactly(int frames) => new(frames, null, null);

    public bool IsRelative => Percent is not null;

    /// <summary>Parses <c>40</c>, <c>80%</c> or <c>110% of 2s</c>; null and a reason when it is none of these.</summary>
    public static FrameCount? TryParse(string text, out string? error)
    {
        error = null;
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var frames))
        {
            return Exactly(frames);
        }

        var match = RelativePattern().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a frame count (40), a percentage of rate × window (80%) or of rate × a span (110% of 2s)";
            return null;
        }

        var percent = double.Parse(match.Groups["percent"].Value, CultureInfo.InvariantCulture);
        TimeSpan? of = null;
        if (match.Groups["of"].Success)
        {
            if (!YamlReader.TryParseDuration(match.Groups["of"].Value, out var span) || span <= TimeSpan.Zero)
            {
                error = $"'{match.Groups["of"].Value}' in '{text}' is not a positive duration (2s, 1500ms)";
                return null;
            }

            of = span;
        }

        return new FrameCount(null, percent, of);
    }

    /// <summary>The count for a lower bound: rounded down (it never asks for a fraction more than it says), but at least one
    /// frame when any is expected, so a slow camera's short window still asks for media.</summary>
    public int LowerBound(double frameRate, TimeSpan window) =>
        Absolute ?? (Percent > 0 ? Math.Max(1, (int)Math.Floor(Expected(frameRate, window))) : 0);

    /// <summary>The count for an upper bound (rounded up).</summary>
    public int UpperBound(double frameRate, TimeSpan window) => Absolute ?? (int)Math.Ceiling(Expected(frameRate, window));

    /// <summary>How a relative bound was reached, e.g. "80% of 25 fps × 2 s"; empty for an absolute one.</summary>
    public string Explain(double frameRate, TimeSpan window) => Percent is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{p:0.##}% of {frameRate:0.##} fps × {(Of ?? window).TotalSeconds:0.###} s")
        : string.Empty;

    public override string ToString() => Absolute is { } a
        ? a.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Percent:0.##}%{(Of is { } of ? $" of {of.TotalSeconds:0.###}s" : string.Empty)}");

    // Rounded to a millionth first: 112% of 25 fps × 2 s is 56.000000000000007 in binary, and must stay 56.
    private double Expected(double frameRate, TimeSpan window) => Math.Round(Percent!.Value / 100 * frameRate * (Of ?? window).TotalSeconds, 6);

    [GeneratedRegex(@"^(?<percent>[0-9]+(\.[0-9]+)?)\s*%(\s+of\s+(?<of>\S+))?$")]
    private static partial Regex RelativePattern();
}
