using System.Diagnostics;
using System.Runtime.InteropServices;
using Rtsp.Media.Pattern;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>
/// A live feed for `--capture NAME=FIFO`: a FIFO in a fresh temp dir, written in real time with test-pattern
/// JPEG frames (raw MJPEG, what `ffmpeg -f mjpeg` writes) whose barcode is the frame number, so a receiver can
/// read back which frame it got after the server decoded and re-encoded it. Dispose stops the writer and
/// deletes the directory.
/// </summary>
public sealed partial class FifoFeed : IDisposable
{
    private readonly byte[][] _frames;
    private readonly double _frameRate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _writer;
    private volatile bool _closeRequested;

    public FifoFeed(int seconds, double frameRate = 25, int width = 640, int height = 480)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("rtsp-ref-fifo-").FullName;
        FifoPath = Path.Combine(Directory, "feed.mjpeg");
        if (MakeFifo(FifoPath, 0b110_000_000) != 0)
            throw new IOException($"mkfifo {FifoPath} failed: errno {Marshal.GetLastPInvokeError()}");
        _frameRate = frameRate;
        var renderer = new PatternRenderer(width, height, frameRate);
        _frames = new byte[(int)(seconds * frameRate)][];
        Parallel.For(0, _frames.Length, i => _frames[i] = renderer.RenderJpeg((uint)i));
        _writer = new Thread(Write) { IsBackground = true, Name = "fifo-feed" };
        _writer.Start();
    }

    public string Directory { get; }

    public string FifoPath { get; }

    /// <summary>Frames written so far.</summary>
    public int Written { get; private set; }

    public Exception? Error { get; private set; }

    /// <summary>Closes the write end (the reader sees end of file), as a feed that goes away does.</summary>
    public void Close() => _closeRequested = true;

    public void Dispose()
    {
        _stop.Cancel();
        _closeRequested = true;
        if (_writer.ThreadState != System.Threading.ThreadState.Unstarted && !_writer.Join(TimeSpan.FromSeconds(5)))
        {
            // Blocked opening the FIFO (no reader ever came): opening the read end releases it.
            using var unblock = new FileStream(FifoPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            _writer.Join(TimeSpan.FromSeconds(5));
        }
        _stop.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private void Write()
    {
        try
        {
            // Blocks until the server opens the read end.
            using var fifo = new FileStream(FifoPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            long start = Stopwatch.GetTimestamp();
            double period = Stopwatch.Frequency / _frameRate;
            for (int n = 0; n < _frames.Length && !_closeRequested; n++)
            {
                // Real time, absolute deadlines; after a stall (a blocked write), carry on from now rather than burst.
                long due = start + (long)(n * period);
                long wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                    _stop.Token.WaitHandle.WaitOne(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                else if (-wait > 2 * period)
                    start += -wait;
                fifo.Write(_frames[n]);
                fifo.Flush();
                Written = n + 1;
            }
        }
        catch (IOException ex)
        {
            Error = ex;
        }
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}
