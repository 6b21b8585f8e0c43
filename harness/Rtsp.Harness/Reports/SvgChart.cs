using System.Globalization;
using System.Net;
using System.Text;
using Rtsp.Harness.Analysis;

namespace Rtsp.Harness.Reports;

/// <summary>
/// Inline SVG charts (no script, no fetch: the report opens from file:// and as a CI artifact). Long series are
/// reduced to each pixel column's min and max, so a 10-minute run draws as fast as a 10-second one and no spike is
/// hidden.
/// </summary>
public static class SvgChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 64;
    private const int Right = 12;
    private const int Top = 24;
    private const int Bottom = 36;

    public static string Line(string title, string unit, IReadOnlyList<SeriesPoint> points)
    {
        var svg = Begin(title);
        if (points.Count == 0)
        {
            return End(svg.Append(Text(Width / 2, Height / 2, "no data", "middle")));
        }

        double minX = points.Min(p => p.TimeSeconds);
        double maxX = Math.Max(points.Max(p => p.TimeSeconds), minX + 1e-9);
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        double minY = Math.Min(0, finite.Count == 0 ? 0 : finite.Min(p => p.Value));
        double maxY = finite.Count == 0 ? 1 : finite.Max(p => p.Value);
        maxY = maxY <= minY ? minY + 1 : maxY;
        Axes(svg, minX, maxX, minY, maxY, "time (s)", unit);

        var path = new StringBuilder();
        foreach (var (x, low, high) in Columns(finite, minX, maxX, minY, maxY))
        {
            path.Append(path.Length == 0 ? 'M' : 'L').Append(F(x)).Append(' ').Append(F(high));
            if (high != low)
            {
                path.Append('L').Append(F(x)).Append(' ').Append(F(low));
            }
        }

        svg.Append("<path class=\"series\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"1.2\" d=\"").Append(path).Append("\"/>");
        return End(svg);
    }

    public static string Histogram(string title, string unit, IReadOnlyList<double> values, int bins = 40)
    {
        var svg = Begin(title);
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return End(svg.Append(Text(Width / 2, Height / 2, "no data", "middle")));
        }

        double min = finite.Min();
        double max = Math.Max(finite.Max(), min + 1e-9);
        var counts = new int[bins];
        foreach (double v in finite)
        {
            counts[Math.Min(bins - 1, (int)((v - min) / (max - min) * bins))]++;
        }

        Axes(svg, min, max, 0, counts.Max(), unit, "frames");
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        for (int i = 0; i < bins; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            double h = plotHeight * counts[i] / counts.Max();
            svg.Append("<rect class=\"bar\" fill=\"#2da44e\" x=\"").Append(F(Left + plotWidth * i / bins)).Append("\" y=\"")
                .Append(F(Top + plotHeight - h)).Append("\" width=\"").Append(F(Math.Max(1, plotWidth / bins - 1)))
                .Append("\" height=\"").Append(F(h)).Append("\"><title>")
                .Append(WebUtility.HtmlEncode($"{F(min + (max - min) * i / bins)}–{F(min + (max - min) * (i + 1) / bins)} {unit}: {counts[i]}"))
                .Append("</title></rect>");
        }

        return End(svg);
    }

    private static IEnumerable<(double X, double Low, double High)> Columns(
        List<SeriesPoint> points, double minX, double maxX, double minY, double maxY)
    {
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        int column = -1;
        double low = 0, high = 0;
        foreach (var point in points.OrderBy(p => p.TimeSeconds))
        {
            int c = (int)((point.TimeSeconds - minX) / (maxX - minX) * plotWidth);
            double y = Top + plotHeight - (point.Value - minY) / (maxY - minY) * plotHeight;
            if (c != column)
            {
                if (column >= 0)
                {
                    yield return (Left + column, low, high);
                }

                column = c;
                low = high = y;
            }
            else
            {
                low = Math.Max(low, y);
                high = Math.Min(high, y);
            }
        }

        if (column >= 0)
        {
            yield return (Left + column, low, high);
        }
    }

    private static StringBuilder Begin(string title) =>
        new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
            .Append(Width).Append(' ').Append(Height).Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>")
            .Append(Text(Left, 16, title, "start", "title"));

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, double minX, double maxX, double minY, double maxY, string xLabel, string yLabel)
    {
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        svg.Append("<g class=\"axes\" stroke=\"#888\" stroke-width=\"1\">")
            .Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Left).Append("\" y2=\"").Append(F(Top + plotHeight)).Append("\"/>")
            .Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(F(Top + plotHeight)).Append("\" x2=\"").Append(F(Left + plotWidth)).Append("\" y2=\"").Append(F(Top + plotHeight)).Append("\"/>")
            .Append("</g>");
        for (int i = 0; i <= 4; i++)
        {
            double y = Top + plotHeight - plotHeight * i / 4;
            svg.Append("<line stroke=\"#eee\" x1=\"").Append(Left + 1).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(F(Left + plotWidth)).Append("\" y2=\"").Append(F(y)).Append("\"/>")
                .Append(Text(Left - 4, y + 4, Number(minY + (maxY - minY) * i / 4), "end"));
            double x = Left + plotWidth * i / 4;
            svg.Append(Text(x, Top + plotHeight + 14, Number(minX + (maxX - minX) * i / 4), "middle"));
        }

        svg.Append(Text(Left + plotWidth / 2, Height - 4, xLabel, "middle"))
            .Append(Text(12, Top + plotHeight / 2, yLabel, "middle", transform: $"rotate(-90 12 {F(Top + plotHeight / 2)})"));
    }

    private static string Text(double x, double y, string text, string anchor, string? cssClass = null, string? transform = null) =>
        $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"11\"" +
        (cssClass is null ? "" : $" class=\"{cssClass}\"") + (transform is null ? "" : $" transform=\"{transform}\"") +
        $">{WebUtility.HtmlEncode(text)}</text>";

    private static string Number(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
