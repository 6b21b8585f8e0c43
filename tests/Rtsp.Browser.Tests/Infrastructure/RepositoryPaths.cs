namespace Rtsp.Browser.Tests.Infrastructure;

/// <summary>Where things are: the repository root (found from the test binaries upwards), reports/browser for
/// screenshots, and the rtsp-ref command built next to the tests.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>reports/browser/, created on first use; screenshots go here (CI uploads reports/).</summary>
    public static string BrowserReports
    {
        get
        {
            var path = Path.Combine(Root, "reports", "browser");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>rtsp-ref.dll as copied into the test output by the project reference; run with <c>dotnet</c>.</summary>
    public static string RtspRefDll => Path.Combine(AppContext.BaseDirectory, "rtsp-ref.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RtspConformance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"RtspConformance.sln not found above {AppContext.BaseDirectory}.");
    }
}
