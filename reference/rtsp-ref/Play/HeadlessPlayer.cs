using System.Globalization;
using Microsoft.Extensions.Logging;
using Rtsp.Client;
using Rtsp.Client.Media;

namespace Rtsp.Ref.Play;

/// <summary>
/// <c>rtsp-ref play</c> without <c>--web</c>: sets up, plays until the stream ends, <c>--frames</c> or
/// <c>--duration</c> is reached, an error happens or the process is interrupted, tears down, and prints a
/// one-line <c>summary:</c> of key=value pairs that scripts and tests read. Progress goes to stderr once a second.
/// Exit code 0 = played and tore down; 1 = the session failed (the error says what the server did).
/// </summary>
public static class HeadlessPlayer
{
    public static async Task<int> RunAsync(PlayOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter(level => level >= LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Warning));
        var clientOptions = new RtspClientOptions { Transport = options.Transport, ResponseTimeout = options.Timeout, FirstPacketTimeout = options.Timeout };
        await using var session = new RtspClientSession(options.Url, clientOptions, loggerFactory.CreateLogger("rtsp-ref.play"));
        using var recorder = options.RecordPath is { } path ? new FrameRecorder(path) : null;
        var snapshots = options.SnapshotDirectory is { } directory ? new SnapshotWriter(directory) : null;
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        long frames = 0;
        session.FrameReceived += (_, frame) =>
        {
            recorder?.Write(frame);
            snapshots?.Offer(frame);
            if (Interlocked.Increment(ref frames) >= options.Frames)
            {
                done.TrySetResult($"{options.Frames} frames received");
            }
        };
        session.StreamEnded += (_, reason) => done.TrySetResult($"stream ended ({reason})");
        session.ErrorOccurred += (_, error) => done.TrySetException(error);

        string stopReason;
        var exitCode = 0;
        try
        {
            await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await progress.WriteLineAsync($"SETUP {session.Url} over {string.Join(", ", session.TransportDescriptions)} (session {session.SessionId}, {(session.Duration is { } d ? $"on demand, {d.ToString("0.###", CultureInfo.InvariantCulture)} s" : "live")})").ConfigureAwait(false);
            await session.PlayAsync(null, cancellationToken).ConfigureAwait(false);
            stopReason = await WaitAsync(session, options, done.Task, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (RtspClientException e)
        {
            await progress.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            stopReason = $"error: {e.Message}";
            exitCode = 1;
        }
        catch (OperationCanceledException)
        {
            stopReason = "interrupted";
        }

        var tornDown = await session.TeardownAsync(CancellationToken.None).ConfigureAwait(false);
        if (session.TeardownWarning is { } warning)
        {
            await progress.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(Summary(session.GetStatistics(), session, stopReason, tornDown, recorder, snapshots)).ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<string> WaitAsync(RtspClientSession session, PlayOptions options, Task<string> done, TextWriter progress, CancellationToken cancellationToken)
    {
        var line = new ProgressLine();
        var limit = options.Duration is { } d ? Task.Delay(d, cancellationToken) : Task.Delay(Timeout.Infinite, cancellationToken);
        while (true)
        {
            var tick = Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var first = await Task.WhenAny(done, limit, tick).ConfigureAwait(false);
            if (first == done)
            {
                return await done.ConfigureAwait(false);
            }

            if (first == limit)
            {
                await limit.ConfigureAwait(false);
                return $"--duration {options.Duration!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s reached";
            }

            await tick.ConfigureAwait(false);
            await progress.WriteLineAsync(line.Next(session.GetStatistics(), session.Position, session.Duration)).ConfigureAwait(false);
        }
    }

    private static string Summary(ClientStatistics s, RtspClientSession session, string stopReason, bool tornDown, FrameRecorder? recorder, SnapshotWriter? snapshots)
    {
        var seconds = s.PlayingTime.TotalSeconds;
        var fps = seconds > 0 ? s.Frames / seconds : 0;
        var bitrate = seconds > 0 ? s.Bytes * 8 / seconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"summary: frames={s.Frames} incomplete={s.IncompleteFrames} packets={s.Packets} lost={Math.Max(0, s.LostPackets)} reordered={s.ReorderedPackets} duplicates={s.DuplicatePackets} jitter_ms={s.JitterMilliseconds:0.###} fps={fps:0.##} bitrate_kbps={bitrate / 1000:0} playing_s={seconds:0.###} transport={session.ActiveTransport?.ToString().ToLowerInvariant() ?? "none"} receiver_reports={session.ReceiverReportsSent} keepalives={session.KeepAlivesSent} teardown={(tornDown ? "answered" : "unanswered")}");
        if (recorder is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" recorded={recorder.FramesWritten}");
        }

        if (snapshots is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" snapshots={snapshots.Saved}");
        }

        return text + $" stop=\"{stopReason.Replace("\"", "'", StringComparison.Ordinal)}\"";
    }
}
