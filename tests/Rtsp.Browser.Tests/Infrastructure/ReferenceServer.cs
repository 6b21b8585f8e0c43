using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Client.Connection;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Browser.Tests.Infrastructure;

/// <summary>
/// A real <c>rtsp-ref serve --port 0</c> process (with fault switches or other options as given) and the one
/// question tests ask it: how many sessions it holds, via <c>GET_PARAMETER rtsp://host:port/</c> with body
/// <c>sessions</c>. Dispose stops the process by its PID.
/// </summary>
public sealed partial class ReferenceServer : IAsyncDisposable
{
    private readonly ReadyLineProcess _process;

    private ReferenceServer(ReadyLineProcess process, string url)
    {
        _process = process;
        Url = url.EndsWith('/') ? url : url + "/";
    }

    /// <summary>The server root, ending with '/': <c>rtsp://127.0.0.1:PORT/</c>.</summary>
    public string Url { get; }

    public string SampleUrl => Url + "sample.mjpeg";

    public string LiveUrl => Url + "live/pattern";

    public string Output => _process.Output;

    /// <summary>True when the server process ended (it should run until disposed): a crash to report with <see cref="Output"/>.</summary>
    public bool HasExited => _process.HasExited;

    public static async Task<ReferenceServer> StartAsync(params string[] options)
    {
        var (process, url) = await ReadyLineProcess.StartAsync(
            "dotnet", [RepositoryPaths.RtspRefDll, "serve", "--port", "0", .. options], ListeningLine(), TimeSpan.FromSeconds(60));
        return new ReferenceServer(process, url);
    }

    /// <summary>The number of sessions the server holds now.</summary>
    public async Task<int> SessionCountAsync()
    {
        var uri = new Uri(Url);
        await using var connection = await RtspConnection.ConnectAsync(uri.Host, uri.Port, TimeSpan.FromSeconds(5), CancellationToken.None);
        var request = new RtspRequest(RtspMethods.GetParameter, Url) { Body = Encoding.ASCII.GetBytes("sessions") };
        request.Headers.Set("Content-Type", "text/parameters");
        var response = await connection.SendAsync(request, TimeSpan.FromSeconds(5), CancellationToken.None);
        var text = Encoding.UTF8.GetString(response.Body);
        var match = SessionsLine().Match(text);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"GET_PARAMETER sessions was answered {response.StatusCode} '{text}'.");
    }

    /// <summary>Polls <see cref="SessionCountAsync"/> until it equals <paramref name="expected"/> or the time is up;
    /// returns the last count seen.</summary>
    public async Task<int> WaitForSessionCountAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int count;
        while ((count = await SessionCountAsync()) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        return count;
    }

    [GeneratedRegex(@"listening on (rtsp://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"sessions:\s*(\d+)")]
    private static partial Regex SessionsLine();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
