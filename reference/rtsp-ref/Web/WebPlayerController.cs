using Microsoft.Extensions.Logging;
using Rtsp.Client;
using Rtsp.Client.Media;
using Rtsp.Client.Session;
using Rtsp.Ref.Play;

namespace Rtsp.Ref.Web;

/// <summary>
/// The web player's one session and the commands the page sends it. SETUP happens at start (as the original GUI
/// did); Play after a Teardown (or a failed start) begins a new session. Errors are kept for the page to show,
/// never thrown at it. When the last page viewing the video goes away, the session is torn down after a short
/// grace (a reload reconnects within it).
/// </summary>
public sealed class WebPlayerController : IAsyncDisposable
{
    private static readonly TimeSpan PageGoneGrace = TimeSpan.FromSeconds(3);

    private readonly PlayOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RateMeter _rates = new(TimeSpan.FromSeconds(1));
    private readonly FrameRecorder? _recorder;
    private readonly SnapshotWriter? _snapshots;
    private RtspClientSession? _session;
    private string? _error;
    private bool _ended;
    private CancellationTokenSource? _pageGone;

    public WebPlayerController(PlayOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger("rtsp-ref.web");
        _recorder = options.RecordPath is { } path ? new FrameRecorder(path) : null;
        _snapshots = options.SnapshotDirectory is { } directory ? new SnapshotWriter(directory) : null;
        Frames.ViewerLeft += OnViewerLeft;
    }

    public FrameBroadcaster Frames { get; } = new();

    /// <summary>Sets the session up (OPTIONS, DESCRIBE, SETUP). A failure is shown on the page, not thrown.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(NewSessionAsync, cancellationToken);

    public Task<PlayerStatus> PlayAsync(CancellationToken cancellationToken) => CommandAsync(async ct =>
    {
        if (_session is null || _session.State is RtspClientState.Finished or RtspClientState.Init)
        {
            await NewSessionAsync(ct).ConfigureAwait(false);
        }

        if (_session!.State == RtspClientState.Ready)
        {
            _ended = false;
            await _session.PlayAsync(null, ct).ConfigureAwait(false);
        }
    }, cancellationToken);

    public Task<PlayerStatus> PauseAsync(CancellationToken cancellationToken) => CommandAsync(async ct =>
    {
        if (_session is { State: RtspClientState.Playing })
        {
            await _session.PauseAsync(ct).ConfigureAwait(false);
        }
    }, cancellationToken);

    public Task<PlayerStatus> SeekAsync(double position, CancellationToken cancellationToken) => CommandAsync(async ct =>
    {
        if (_session is { State: RtspClientState.Ready or RtspClientState.Playing, IsSeekable: true })
        {
            _ended = false;
            await _session.SeekAsync(position, ct).ConfigureAwait(false);
        }
        else
        {
            throw new RtspClientException(_session is { IsSeekable: false } ? "This stream is live: it cannot seek." : "Nothing to seek: the session is not set up.");
        }
    }, cancellationToken);

    public Task<PlayerStatus> TeardownAsync(CancellationToken cancellationToken) => CommandAsync(async ct =>
    {
        if (_session is not null)
        {
            await _session.TeardownAsync(ct).ConfigureAwait(false);
        }
    }, cancellationToken);

    public PlayerStatus Status()
    {
        var session = _session;
        var statistics = session?.GetStatistics() ?? new ClientStatistics([], TimeSpan.Zero);
        var (fps, bitrate) = _rates.Sample(statistics);
        return new PlayerStatus(
            _options.Url,
            (session?.State ?? (_error is null ? RtspClientState.Init : RtspClientState.Finished)).ToString().ToUpperInvariant(),
            session?.Presentation?.IsLive,
            session?.Duration,
            session?.Position,
            _ended,
            session?.ActiveTransport?.ToString().ToUpperInvariant(),
            session?.SessionId,
            _error,
            session?.TeardownWarning,
            new PlayerStatistics(
                statistics.Frames,
                statistics.IncompleteFrames,
                statistics.Packets,
                Math.Max(0, statistics.LostPackets),
                statistics.LossFraction * 100,
                statistics.JitterMilliseconds,
                fps,
                bitrate / 1000));
    }

    private async Task<PlayerStatus> CommandAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        await RunAsync(action, cancellationToken).ConfigureAwait(false);
        return Status();
    }

    private async Task RunAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _error = null;
            await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RtspClientException or InvalidOperationException)
        {
            _error = e.Message;
            _logger.LogWarning("{Error}", e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task NewSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        var session = new RtspClientSession(_options.Url, new RtspClientOptions { Transport = _options.Transport }, _loggers.CreateLogger("rtsp-ref.play"));
        session.FrameReceived += (_, frame) =>
        {
            // The page shows MJPEG: H.264 is shown by its keyframes, decoded to JPEG (about one a second).
            if ((frame.Encoding == VideoEncoding.Jpeg ? frame.Data : H264KeyframeDecoder.ToJpeg(frame)) is { } jpeg)
            {
                Frames.Publish(jpeg);
            }

            _recorder?.Write(frame);
            _snapshots?.Offer(frame);
        };
        session.StreamEnded += (_, _) => _ended = true;
        session.ErrorOccurred += (_, error) => _error = error.Message;
        _session = session;
        _ended = false;
        await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    // Closing the page closes its MJPEG request; with no viewer left for the grace period the session goes.
    private void OnViewerLeft(int viewersLeft)
    {
        if (viewersLeft > 0)
        {
            return;
        }

        var gone = new CancellationTokenSource();
        Interlocked.Exchange(ref _pageGone, gone)?.Cancel();
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(PageGoneGrace, gone.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Frames.Viewers == 0 && _session is { State: not RtspClientState.Finished })
            {
                _logger.LogInformation("the player page was closed: tearing the session down");
                await TeardownAsync(CancellationToken.None).ConfigureAwait(false);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _pageGone?.Cancel();
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        _recorder?.Dispose();
        _gate.Dispose();
    }
}
