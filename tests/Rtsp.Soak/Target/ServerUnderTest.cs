using System.Globalization;
using System.Text.RegularExpressions;
using Rtsp.Browser.Tests.Infrastructure;

namespace Rtsp.Soak.Target;

/// <summary>
/// The server being soaked: either an `rtsp-ref serve --port 0` process we start (and stop by its PID when
/// disposed), or an external one given by URL and PID, which is left running.
/// </summary>
public sealed partial class ServerUnderTest : IAsyncDisposable
{
    private readonly ReadyLineProcess? _process;

    private ServerUnderTest(Uri url, int pid, ReadyLineProcess? process)
    {
        Url = url;
        Pid = pid;
        _process = process;
    }

    public Uri Url { get; }

    public int Pid { get; }

    public bool StartedHere => _process is not null;

    /// <summary>What our server process wrote (warnings and errors; it logs at Warning).</summary>
    public string Output => _process?.Output ?? "";

    public static async Task<ServerUnderTest> StartAsync(TimeSpan sessionTimeout, int streams, IReadOnlyList<string> extraArguments)
    {
        string[] arguments =
        [
            RepositoryPaths.RtspRefDll, "serve", "--port", "0", "--log-level", "Warning",
            "--session-timeout", ((int)sessionTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            // Room for the streams plus the cycles' sessions in flight and those abandoned within one timeout.
            "--max-sessions", (streams + 1000).ToString(CultureInfo.InvariantCulture),
            .. extraArguments,
        ];
        var (process, url) = await ReadyLineProcess.StartAsync("dotnet", arguments, ListeningLine(), TimeSpan.FromSeconds(60));
        return new ServerUnderTest(new Uri(url), process.Id, process);
    }

    public static ServerUnderTest External(Uri url, int pid) => new(url, pid, null);

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;

    [GeneratedRegex(@"listening on (rtsp://\S+)")]
    private static partial Regex ListeningLine();
}
