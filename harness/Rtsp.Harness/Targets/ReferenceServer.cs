namespace Rtsp.Harness.Targets;

/// <summary>Starts the project's reference server (<c>rtsp-ref serve</c>) as a process on a free port.</summary>
public static class ReferenceServer
{
    /// <summary>The stored clip every default run tests: 640x480, 25 fps, 10 s.</summary>
    public const string SamplePath = "sample.mjpeg";

    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <param name="faults">Fault switches (<c>--fault a,b</c>) that break a rule on purpose.</param>
    /// <param name="extraArguments">Options a scenario needs (e.g. <c>--session-timeout 4</c>).</param>
    public static ServerProcess Start(string repositoryRoot, IReadOnlyCollection<string> faults, IEnumerable<string> extraArguments)
    {
        var dll = RepositoryLayout.ReferenceServerDll(repositoryRoot);
        if (!File.Exists(dll))
        {
            throw new HarnessEnvironmentException($"the reference server is not built ({dll} is missing): run 'dotnet build reference/rtsp-ref -c Release' or use ./rtsp-harness");
        }

        var arguments = new List<string> { dll, "serve", "--port", "0", "--bind", "127.0.0.1" };
        if (faults.Count > 0)
        {
            arguments.AddRange(["--fault", string.Join(',', faults)]);
        }

        arguments.AddRange(extraArguments);
        return ServerProcess.Start("dotnet", arguments, ReadyTimeout, repositoryRoot);
    }
}
