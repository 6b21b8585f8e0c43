using System.Text.RegularExpressions;

namespace Rtsp.Browser.Tests.Infrastructure;

/// <summary>A real <c>rtsp-ref play URL --web --web-port 0</c> process; <see cref="Address"/> is the page it serves.</summary>
public sealed partial class WebPlayerProcess : IAsyncDisposable
{
    private WebPlayerProcess(ReadyLineProcess process, string address)
    {
        Process = process;
        Address = address;
    }

    public ReadyLineProcess Process { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public string Address { get; }

    public static async Task<WebPlayerProcess> StartAsync(string rtspUrl, params string[] options)
    {
        var (process, address) = await ReadyLineProcess.StartAsync(
            "dotnet", [RepositoryPaths.RtspRefDll, "play", rtspUrl, "--web", "--web-port", "0", .. options], ReadyLine(), TimeSpan.FromSeconds(60));
        return new WebPlayerProcess(process, address);
    }

    [GeneratedRegex(@"web player on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ReadyLine();

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
