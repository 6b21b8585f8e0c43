using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Targets;

/// <summary>Starts the project's reference server (<c>rtsp-ref serve</c>) as a process on a free port.</summary>
public static class ReferenceServer
{
    /// <summary>The stored clip every default run tests: 640x480, 25 fps, 10 s.</summary>
    public const string SamplePath = "sample.mjpeg";

    /// <summary>The reference server's live mount (the synthetic pattern): the default live target of a run.</summary>
    public const string LivePath = "live/pattern";

    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The credentials <c>--user U --password P</c> in <paramref name="arguments"/> configure; null without both.</summary>
    public static Credentials? CredentialsIn(IReadOnlyList<string> arguments)
    {
        string? Value(string option) => arguments.Select((a, i) => (a, i)).Where(p => p.a == option && p.i + 1 < arguments.Count)
            .Select(p => arguments[p.i + 1]).FirstOrDefault();
        return Value("--user") is { } user && Value("--password") is { } password ? new Credentials(user, password) : null;
    }

    /// <summary>
    /// True when <paramref name="arguments"/> only turn authentication on (<c>--user U --password P</c>): any target that
    /// asks for credentials meets them, given the run's own.
    /// </summary>
    public static bool OnlyCredentials(IReadOnlyList<string> arguments) =>
        arguments.Count == 4 && CredentialsIn(arguments) is not null;

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
