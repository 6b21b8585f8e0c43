using System.Collections.Concurrent;
using Rtsp.Client.Media;

namespace Rtsp.Client.Tests.TestSupport;

/// <summary>Collects what a session delivers (frames, the end of the stream, errors) and waits for it with timeouts.</summary>
public sealed class PlaybackRecorder
{
    private readonly ConcurrentQueue<VideoFrame> _frames = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PlaybackRecorder(RtspClientSession session)
    {
        session.FrameReceived += (_, frame) => _frames.Enqueue(frame);
        session.StreamEnded += (_, reason) => _ended.TrySetResult(reason);
        session.ErrorOccurred += (_, error) => Errors.Enqueue(error);
    }

    public IReadOnlyList<VideoFrame> Frames => _frames.ToList();

    public int Count => _frames.Count;

    public ConcurrentQueue<RtspClientException> Errors { get; } = new();

    /// <summary>Waits for the end of the stream (RTCP BYE or idle); returns why it ended.</summary>
    public Task<string> WaitForEndAsync(TimeSpan timeout) => _ended.Task.WaitAsync(timeout);

    public async Task WaitForFramesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_frames.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_frames.Count} frames after {timeout.TotalSeconds} s, expected {count}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The barcode numbers of the frames from index <paramref name="from"/> on.</summary>
    public List<uint?> FrameNumbers(int from = 0) => Frames.Skip(from).Select(f => TestSupport.FrameNumbers.FromJpeg(f.Data)).ToList();
}
