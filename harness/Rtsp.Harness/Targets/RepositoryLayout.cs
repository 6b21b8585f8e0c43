namespace Rtsp.Harness.Targets;

/// <summary>Where things are in a checkout: found by walking up to the directory holding RtspConformance.sln.</summary>
public static class RepositoryLayout
{
    public const string SolutionFile = "RtspConformance.sln";

    /// <summary>The repository root above <paramref name="start"/> (default: the running assembly's directory), or null.</summary>
    public static string? FindRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static string RequireRoot(string? start = null) =>
        FindRoot(start) ?? FindRoot(Directory.GetCurrentDirectory())
        ?? throw new HarnessEnvironmentException($"cannot find the repository root ({SolutionFile}) above {start ?? AppContext.BaseDirectory}; run from inside the checkout");

    public static string ScenariosDirectory(string root) => Path.Combine(root, "scenarios");

    public static string ReferenceServerDll(string root) => Path.Combine(root, "reference", "rtsp-ref", "bin", "Release", "net10.0", "rtsp-ref.dll");

    public static string GstServerScript(string root) => Path.Combine(root, "scripts", "peers", "gst_rtsp_server.py");
}
