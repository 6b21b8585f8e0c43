namespace Rtsp.Media;

/// <summary>
/// A stream of frames the server can send, JPEG unless <see cref="Codec"/> says otherwise (stored H.264 files
/// served without transcoding implement <see cref="IH264MediaSource"/>). Two kinds plug in behind it: stored sources
/// (<see cref="IStoredMediaSource"/>: any frame by index, seekable, with a duration) and live sources
/// (<see cref="ILiveMediaSource"/>: frames appear in real time, every viewer sees the newest). OpenCV sources
/// (video files, webcams, captures) implement one of the two. Frames must be RFC 2435-carriable JPEG
/// (baseline, 8-bit, 4:2:0 or 4:2:2, standard Huffman tables).
/// </summary>
public interface IMediaSource : IDisposable
{
    /// <summary>The path the source is served at, relative to the server root, '/'-separated, no leading '/'.</summary>
    string Path { get; }

    int Width { get; }

    int Height { get; }

    /// <summary>Frames per second the source is meant to be played at.</summary>
    double FrameRate { get; }

    bool IsLive { get; }

    /// <summary>How the frames are coded; live sources and transcoded files are always JPEG.</summary>
    MediaCodec Codec => MediaCodec.Jpeg;
}

/// <summary>A seekable source with a known number of frames (a file, a generated clip).</summary>
public interface IStoredMediaSource : IMediaSource
{
    int FrameCount { get; }

    /// <summary>Length of the media: FrameCount frames at FrameRate.</summary>
    TimeSpan Duration => TimeSpan.FromSeconds(FrameCount / FrameRate);

    /// <summary>The coded bytes of frame <paramref name="index"/> (0-based, decoding order): a JPEG, or an H.264
    /// access unit in Annex B. O(1); safe from any thread.</summary>
    ReadOnlyMemory<byte> GetFrame(int index);

    /// <summary>
    /// The frame a seek to <paramref name="frame"/> starts at: the frame itself when every frame stands alone
    /// (JPEG), the keyframe at or before it for inter-coded media (H.264: a decoder needs an IDR to start).
    /// </summary>
    int SeekFrameAtOrBefore(int frame) => frame;

    /// <summary>
    /// How many frame periods frame <paramref name="index"/> is presented after (positive) or before (negative)
    /// its place in decoding order: non-zero only for H.264 with B-frames, whose RTP timestamps follow the
    /// presentation order (RFC 6184 §5.1: the timestamp is the sampling time of the picture).
    /// </summary>
    int PresentationOffset(int index) => 0;
}

/// <summary>A source that produces frames in real time (a camera, the live pattern). Not seekable.</summary>
public interface ILiveMediaSource : IMediaSource
{
    /// <summary>Starts receiving frames. The source may run only while it has subscribers.</summary>
    ILiveSubscription Subscribe();
}

/// <summary>One viewer's cursor into a live source. Dispose it to stop receiving.</summary>
public interface ILiveSubscription : IDisposable
{
    /// <summary>
    /// The next frame this viewer has not taken yet, in order, or null when none has arrived since the last call.
    /// A viewer that falls far behind skips to the newest frame (live media never queues up latency).
    /// </summary>
    EncodedFrame? TakeNext();

    /// <summary>
    /// True once the source has stopped for good (a camera unplugged, a feed closed) and this viewer has taken
    /// every frame it published: the sender ends the stream (RTCP BYE) as at the end of stored media.
    /// </summary>
    bool HasEnded => false;

    /// <summary>True when a frame this viewer has not taken yet is already published: a sender that fell behind
    /// (a burst from the source, or its own thread descheduled) takes it at once instead of a period later.</summary>
    bool HasWaiting { get; }
}

/// <summary>
/// A JPEG frame from a live source with the number the source gave it (0 = the first it produced) and, when
/// the source knows it, the monotonic time it was captured (Stopwatch ticks; 0 = unknown): senders derive RTP
/// timestamps from it so they follow the camera's real frame intervals, not the nominal rate.
/// </summary>
public sealed record EncodedFrame(long Number, ReadOnlyMemory<byte> Jpeg, long CaptureTimestamp = 0)
{
    /// <summary>When a live broadcast made it available to its viewers (Stopwatch ticks; 0 = not published).</summary>
    public long PublishedAt { get; init; }
}
