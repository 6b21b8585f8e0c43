using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Rtsp.Server.Limits;

/// <summary>
/// The one log line each limit writes when a client reaches it: the client, the limit and its value, what the
/// server did, and the option to raise. A flood must not become a log flood: each limit logs at most
/// <see cref="LinesPerSecond"/> lines a second and then counts what it left out, reported with the next line.
/// </summary>
public sealed class LimitLog
{
    public const int LinesPerSecond = 10;

    private readonly ILogger _logger;
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public LimitLog(ILogger logger) => _logger = logger;

    /// <summary>Logs "CLIENT: OPTION VALUE reached: ACTION; raise OPTION if ...", unless this limit already logged its share this second.</summary>
    public void Reached(string option, string value, string client, string action)
    {
        int omitted;
        lock (_windows)
        {
            long now = Stopwatch.GetTimestamp();
            if (!_windows.TryGetValue(option, out var window) || Stopwatch.GetElapsedTime(window.Start, now) >= TimeSpan.FromSeconds(1))
                window = new Window(now, 0, window?.Omitted ?? 0);
            if (window.Logged >= LinesPerSecond)
            {
                _windows[option] = window with { Omitted = window.Omitted + 1 };
                return;
            }
            omitted = window.Omitted;
            _windows[option] = window with { Logged = window.Logged + 1, Omitted = 0 };
        }
        if (omitted > 0)
            _logger.LogWarning("limit {Option}: {Omitted} more clients reached it (lines left out, at most {Lines} a second)", option, omitted, LinesPerSecond);
        _logger.LogWarning("{Client}: limit {Option} {Value} reached: {Action}; raise {Option} if this client is legitimate",
            client, option, value, action, option);
    }

    private sealed record Window(long Start, int Logged, int Omitted);
}
