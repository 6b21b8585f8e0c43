using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rtsp.Ref.Play;

namespace Rtsp.Ref.Web;

/// <summary>
/// <c>rtsp-ref play URL --web</c>: an ASP.NET Core minimal API on 127.0.0.1 only. <c>GET /</c> is the page,
/// <c>GET /stream.mjpeg</c> the video as <c>multipart/x-mixed-replace</c> (see README: why MJPEG over HTTP),
/// <c>GET /api/status</c> the state and statistics, <c>POST /api/play|pause|teardown</c> and
/// <c>POST /api/seek?position=S</c> the commands. Prints <c>web player on http://127.0.0.1:PORT/</c> when ready.
/// Stopping the process (Ctrl+C, SIGTERM, <c>--duration</c>) tears the session down before it exits.
/// </summary>
public static class WebPlayerHost
{
    private const string Boundary = "rtsp-ref-frame";

    public static async Task<int> RunAsync(PlayOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("rtsp-ref", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.WebPort));
        await using var app = builder.Build();
        await using var player = new WebPlayerController(options, app.Services.GetRequiredService<ILoggerFactory>());
        Map(app, player);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{options.WebPort}: {e.Message} (choose another --web-port, or 0 for any).").ConfigureAwait(false);
            return 2;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await Console.Out.WriteLineAsync($"web player on {address.TrimEnd('/')}/").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        await player.StartAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            await Task.Delay(options.Duration ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: fall through to the teardown.
        }

        await player.TeardownAsync(CancellationToken.None).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static void Map(WebApplication app, WebPlayerController player)
    {
        app.MapGet("/", () => Results.Content(PlayerPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/status", () => Results.Json(player.Status()));
        app.MapPost("/api/play", async (CancellationToken ct) => Results.Json(await player.PlayAsync(ct)));
        app.MapPost("/api/pause", async (CancellationToken ct) => Results.Json(await player.PauseAsync(ct)));
        app.MapPost("/api/teardown", async (CancellationToken ct) => Results.Json(await player.TeardownAsync(ct)));
        app.MapPost("/api/seek", async (string position, CancellationToken ct) =>
            double.TryParse(position, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                ? Results.Json(await player.SeekAsync(seconds, ct))
                : Results.BadRequest(new { error = $"position '{position}' is not a number of seconds" }));
        app.MapGet("/stream.mjpeg", (HttpContext context) => StreamAsync(context, player.Frames, app.Lifetime.ApplicationStopping));
    }

    // Each part ends with the next boundary right after the image, so the browser shows a frame as soon as it
    // is complete instead of when the following one starts.
    // The stream never ends by itself; stopping the host must end it or shutdown waits for it.
    private static async Task StreamAsync(HttpContext context, FrameBroadcaster frames, CancellationToken stopping)
    {
        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        context.Response.Headers.CacheControl = "no-cache, no-store";
        var viewer = frames.Subscribe();
        try
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var aborted = both.Token;
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{Boundary}\r\n"), aborted);
            await foreach (var jpeg in viewer.Reader.ReadAllAsync(aborted))
            {
                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
                await context.Response.Body.WriteAsync(head, aborted);
                await context.Response.Body.WriteAsync(jpeg, aborted);
                await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes($"\r\n--{Boundary}\r\n"), aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        catch (IOException)
        {
            // The page went away mid-write.
        }
        finally
        {
            frames.Unsubscribe(viewer);
        }
    }
}
