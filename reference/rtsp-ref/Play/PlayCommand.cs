using System.CommandLine;
using Rtsp.Client.Session;
using Rtsp.Client.Transport;
using Rtsp.Ref.Web;

namespace Rtsp.Ref.Play;

/// <summary><c>rtsp-ref play URL</c>: the reference client, headless (progress and a summary) or with the web player.</summary>
public static class PlayCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The stream, e.g. rtsp://127.0.0.1:8554/sample.mjpeg (user:password@ for Basic/Digest auth)." };
        var transport = new Option<string>("--transport")
        {
            Description = "udp, tcp (interleaved on the RTSP connection) or auto (UDP, then TCP when no packet arrives in 3 s).",
            DefaultValueFactory = _ => "auto",
        };
        transport.AcceptOnlyFromAmong("udp", "tcp", "auto");
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of playing." };
        var frames = new Option<long?>("--frames") { Description = "Stop after this many complete frames." };
        var record = new Option<string?>("--record") { Description = "Write the received frames to this file: .mjpeg (concatenated JPEGs) for JPEG streams, .h264 (Annex B, from the first keyframe, parameter sets first) for H.264." };
        var snapshot = new Option<string?>("--snapshot") { Description = "Save the first frame and then one JPEG per second into this directory (H.264: keyframes, decoded with OpenCV)." };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Seconds to wait for each response, and for the first RTP packet after PLAY is answered (default 5).",
        };
        var web = new Option<bool>("--web") { Description = "Serve the web player on http://127.0.0.1:PORT/ instead of playing headless." };
        var webPort = new Option<int>("--web-port")
        {
            Description = "Port of the web player (0 = any free port; the address is printed).",
            DefaultValueFactory = _ => 8080,
        };

        var command = new Command("play", "Play an RTSP stream (MJPEG over RTP, RFC 2435): headless with live progress, or in the web player.")
        {
            url, transport, duration, frames, record, snapshot, timeout, web, webPort,
        };
        command.Validators.Add(result =>
        {
            if (!RtspUrl.TryParse(result.GetValue(url), out _, out var error))
            {
                result.AddError(error);
            }

            if (result.GetValue(duration) is <= 0)
            {
                result.AddError("--duration must be more than 0 seconds.");
            }

            if (result.GetValue(frames) is <= 0)
            {
                result.AddError("--frames must be at least 1.");
            }

            if (result.GetValue(timeout) is <= 0 or > 3600)
            {
                result.AddError("--timeout must be more than 0 and at most 3600 seconds.");
            }

            if (result.GetValue(webPort) is < 0 or > 65535)
            {
                result.AddError("--web-port must be 0..65535.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new PlayOptions(
                parse.GetValue(url)!,
                Enum.Parse<RtpTransportMode>(parse.GetValue(transport)!, ignoreCase: true),
                parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                parse.GetValue(frames),
                parse.GetValue(record),
                parse.GetValue(snapshot),
                TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 5),
                parse.GetValue(web),
                parse.GetValue(webPort));
            return options.Web
                ? await WebPlayerHost.RunAsync(options, cancellationToken).ConfigureAwait(false)
                : await HeadlessPlayer.RunAsync(options, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
