using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rtsp.Media.OpenCv;
using Rtsp.Media.Pattern;
using Rtsp.Protocol;

namespace Rtsp.Media;

/// <summary>
/// What the server can stream, by path: every *.mjpeg, *.avi, *.mp4, *.mkv and *.mov under the media root at its
/// relative path (opened by <see cref="MediaFileOpener"/>: transcoded when RFC 2435 cannot carry them, H.264 sent
/// as it is with <see cref="VideoCodecMode.Copy"/>), plus the
/// built-in sources (sample.mjpeg, live/pattern) unless a file of the same path shadows them.
/// Escapes are impossible by construction: a request path is looked up in the set of files found by walking
/// the root, never joined onto the root, and the walk does not follow symbolic links (neither files nor
/// directories), so `..`, absolute paths, `%2e%2e` and links pointing out of the root all end in "not found".
/// </summary>
public sealed class MediaCatalog : IDisposable
{
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(1);

    private readonly string? _root;
    private readonly MediaFileOpener _opener;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IMediaSource> _builtIn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IMediaSource> _opened = new(StringComparer.Ordinal);
    private readonly object _scanGate = new();
    private Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private long _lastScan;

    public MediaCatalog(string? root, double fileFrameRate, IEnumerable<IMediaSource> builtIn, ILogger? logger = null, Rfc2435JpegEncoder? transcoder = null,
        VideoCodecMode codec = VideoCodecMode.Jpeg)
    {
        _root = root is null ? null : System.IO.Path.GetFullPath(root);
        _logger = logger ?? NullLogger.Instance;
        _opener = new MediaFileOpener(fileFrameRate, transcoder ?? new Rfc2435JpegEncoder(), _logger, codec);
        foreach (var source in builtIn)
            _builtIn[source.Path] = source;
        Rescan();
    }

    /// <summary>The default built-in sources: the 10 s sample clip and the live pattern, 640x480.</summary>
    public static IReadOnlyList<IMediaSource> CreateBuiltIns(double frameRate, int width = 640, int height = 480, double sampleSeconds = 10)
    {
        var renderer = new PatternRenderer(width, height, frameRate);
        return
        [
            new GeneratedClip("sample.mjpeg", renderer, Math.Max(1, (int)Math.Round(sampleSeconds * frameRate))),
            new LivePatternSource("live/pattern", renderer),
        ];
    }

    /// <summary>Every path currently served, sorted.</summary>
    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_scanGate)
                return [.. _files.Keys.Union(_builtIn.Keys).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// The source at <paramref name="path"/> (already percent-decoded, '/'-separated, without the leading '/'),
    /// or null when nothing is served there. A file that is not usable MJPEG is logged and reported as absent.
    /// </summary>
    public IMediaSource? Find(string path)
    {
        if (!IsPlainRelativePath(path))
            return null;
        string? file = LookUpFile(path);
        if (file is null)
            return _builtIn.GetValueOrDefault(path);
        if (_opened.TryGetValue(path, out var open))
            return open;
        try
        {
            var source = _opener.Open(path, file);
            var winner = _opened.GetOrAdd(path, source);
            if (!ReferenceEquals(winner, source))
                source.Dispose();
            return winner;
        }
        catch (Exception ex) when (ex is ProtocolFormatException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("cannot serve {File}: {Reason}", file, ex.Message);
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var source in _opened.Values.Concat(_builtIn.Values))
            source.Dispose();
        _opened.Clear();
    }

    /// <summary>Rejects what could only be an attempt to leave the root or a non-canonical spelling of a path.</summary>
    private static bool IsPlainRelativePath(string path) =>
        path.Length > 0
        && path[0] != '/'
        && !path.Contains('\\')
        && !path.Contains('\0')
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    private string? LookUpFile(string path)
    {
        lock (_scanGate)
        {
            if (_files.TryGetValue(path, out var file))
                return file;
            // A file added after start: look again, at most once a second (a stream of 404s must not walk the disk each time).
            if (Stopwatch.GetElapsedTime(_lastScan) < RescanInterval)
                return null;
        }
        Rescan();
        lock (_scanGate)
            return _files.GetValueOrDefault(path);
    }

    private void Rescan()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_root is not null)
        {
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = true,
                IgnoreInaccessible = true,
                AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.System,
                MatchCasing = MatchCasing.CaseInsensitive,
            };
            foreach (var file in Directory.EnumerateFiles(_root, "*", options).Where(MediaFileOpener.IsServed))
            {
                string relative = System.IO.Path.GetRelativePath(_root, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
                files[relative] = file;
            }
        }
        lock (_scanGate)
        {
            _files = files;
            _lastScan = Stopwatch.GetTimestamp();
        }
    }
}
