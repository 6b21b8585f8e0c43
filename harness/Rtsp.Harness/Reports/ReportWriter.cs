namespace Rtsp.Harness.Reports;

/// <summary>
/// Writes every report of a run into <c>outputDirectory</c> (e.g. <c>reports/&lt;run&gt;</c>): <c>index.html</c>
/// with a page per scenario × transport, <c>junit.xml</c> and <c>results.json</c>, then points
/// <c>latest</c> beside it at this run.
/// </summary>
public static class ReportWriter
{
    public const string LatestLinkName = "latest";

    public static void WriteAll(RunReport report, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        string folder = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(folder);
        HtmlReportWriter.Write(report, folder);
        JunitReportWriter.Write(report, Path.Combine(folder, "junit.xml"));
        JsonReportWriter.Write(report, Path.Combine(folder, "results.json"));
        PointLatestAt(folder);
    }

    /// <summary>Replaces the <c>latest</c> symlink next to <paramref name="runFolder"/> with a relative link to it.
    /// A real directory of that name is left alone.</summary>
    public static void PointLatestAt(string runFolder)
    {
        string? parent = Path.GetDirectoryName(Path.GetFullPath(runFolder).TrimEnd(Path.DirectorySeparatorChar));
        if (parent is null)
        {
            return;
        }

        string latest = Path.Combine(parent, LatestLinkName);
        var existing = new FileInfo(latest);
        if (existing.LinkTarget is not null)
        {
            existing.Delete();
        }
        else if (Directory.Exists(latest) || File.Exists(latest))
        {
            return;
        }

        Directory.CreateSymbolicLink(latest, Path.GetFileName(runFolder.TrimEnd(Path.DirectorySeparatorChar)));
    }
}
