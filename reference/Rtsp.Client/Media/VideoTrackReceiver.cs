using System.Diagnostics;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Media;

/// <summary>
/// Everything that happens to one track's RTP after it arrives, whatever the transport: reception statistics and
/// jitter on arrival order (RFC 3550 A.1, A.8, so they describe the network), then the reorder buffer, then RFC
/// 2435 or RFC 6184 depacketizing into complete frames (<see cref="IFrameAssembler"/>); frames with missing
/// fragments are counted and dropped, never shown. Thread-safe: the UDP loop, the TCP loop and the control thread all call in.
/// </summary>
public sealed class VideoTrackReceiver
{
    private readonly Lock _gate = new();
    private readonly RtpReorderBuffer _reorder;
    private readonly IFrameAssembler _assembler;
    private RtpReceptionStatistics? _statistics;
    private JitterEstimator _jitter;
    private uint? _ssrc;
    private long _packets;
    private long _bytes;
    private long _malformed;
    private long _foreign;
    private long _frames;
    private long _lastArrivalTicks;
    private double _nptBase;
    private uint? _rtpTimeBase;
    private bool _anchorOnNextFrame;
    private bool _holdingFrames;
    private readonly List<VideoFrame> _heldFrames = [];

    public VideoTrackReceiver(VideoTrack track, int reorderCapacity = 16)
    {
        Track = track;
        _jitter = new JitterEstimator(track.ClockRate);
        _reorder = new RtpReorderBuffer(reorderCapacity);
        _assembler = track.Format == VideoEncoding.H264 ? new H264FrameAssembler(track.ParameterSets) : new JpegFrameAssembler();
    }

    /// <summary>Most frames held between sending PLAY and reading its answer (2 s at 25 fps).</summary>
    public const int MaxHeldFrames = 50;

    public VideoTrack Track { get; }

    /// <summary>A complete frame left the depacketizer. Raised outside the receiver's lock.</summary>
    public event Action<VideoFrame>? FrameReady;

    /// <summary>The sender's SSRC as last seen (for receiver reports); null before the first packet.</summary>
    public uint? SenderSsrc
    {
        get
        {
            lock (_gate)
            {
                return _ssrc;
            }
        }
    }

    /// <summary>Stopwatch ticks of the last RTP packet (0 before the first).</summary>
    public long LastArrivalTicks => Interlocked.Read(ref _lastArrivalTicks);

    public long PacketsReceived => Interlocked.Read(ref _packets);

    /// <summary>
    /// Call before sending PLAY: the server may start sending before its answer arrives, and positions cannot be
    /// computed until the answer anchors them, so frames completed meanwhile are held (at most
    /// <see cref="MaxHeldFrames"/>) and released by <see cref="CompletePlay"/>.
    /// </summary>
    public void BeginPlay()
    {
        lock (_gate)
        {
            _holdingFrames = true;
        }
    }

    /// <summary>
    /// After the PLAY answer (or its failure): anchors positions when <paramref name="nptStart"/> is given — the
    /// frame with RTP time <paramref name="rtpTime"/> (RTP-Info, RFC 2326 §12.33) is at <paramref name="nptStart"/>
    /// seconds, or without an rtptime the first frame of this PLAY is — and releases the held frames.
    /// With no <paramref name="nptStart"/> the previous anchor stays (a plain resume).
    /// </summary>
    public void CompletePlay(double? nptStart, uint? rtpTime)
    {
        Emit(WithLock(() =>
        {
            if (nptStart is { } start)
            {
                _nptBase = start;
                _rtpTimeBase = rtpTime ?? (_heldFrames.Count > 0 ? _heldFrames[0].RtpTimestamp : null);
                _anchorOnNextFrame = _rtpTimeBase is null;
            }

            _holdingFrames = false;
            var released = _heldFrames.Select(f => f with { Position = PositionOf(f.RtpTimestamp) }).ToList();
            _heldFrames.Clear();
            return released;
        }));
    }

    /// <summary>Handles one RTP datagram or interleaved payload that arrived at <paramref name="arrivalTicks"/>.</summary>
    public void OnRtp(ReadOnlyMemory<byte> data, long arrivalTicks)
    {
        if (!RtpPacket.TryParse(data, out var packet, out _) || packet is null)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        if (packet.PayloadType != Track.PayloadType)
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        Emit(WithLock(() =>
        {
            if (_ssrc != packet.Ssrc)
            {
                // A new SSRC is a new source (RFC 3550 §8): its sequence and timing start afresh.
                _ssrc = packet.Ssrc;
                _statistics = new RtpReceptionStatistics();
                _jitter = new JitterEstimator(Track.ClockRate);
                _reorder.Reset();
            }

            _statistics!.Update(packet.SequenceNumber);
            _jitter.Update(packet.Timestamp, ToTimestampUnits(arrivalTicks));
            _packets++;
            _bytes += data.Length;
            _lastArrivalTicks = arrivalTicks;
            return Drain(_reorder.Push(packet, arrivalTicks));
        }));
    }

    /// <summary>Pushes out packets the reorder buffer still holds (end of stream).</summary>
    public void Flush() => Emit(WithLock(() => Drain(_reorder.Flush(), endOfStream: true)));

    public TrackStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new TrackStatistics(
                Track.Index,
                _packets,
                _bytes,
                _statistics?.Expected ?? 0,
                _statistics?.CumulativeLost ?? 0,
                _statistics?.Duplicates ?? 0,
                _statistics?.Reordered ?? 0,
                _jitter.JitterMilliseconds,
                _frames,
                _assembler.IncompleteFrames,
                _malformed + _foreign,
                _reorder.Discarded);
        }
    }

    /// <summary>The report block values for an RTCP receiver report (RFC 3550 §6.4.1); null before any packet.</summary>
    public ReceptionReport? TakeReceptionReport()
    {
        lock (_gate)
        {
            if (_statistics is null || _ssrc is null)
            {
                return null;
            }

            return new ReceptionReport(
                _ssrc.Value,
                _statistics.FractionLostSinceLastReport(),
                _statistics.CumulativeLost,
                (uint)_statistics.ExtendedHighestSequence,
                _jitter.JitterForReport);
        }
    }

    private T WithLock<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    // Called under the lock; returns frames to raise after it is released.
    private List<VideoFrame> Drain(IReadOnlyList<RtpPacket> packets, bool endOfStream = false)
    {
        var frames = new List<VideoFrame>();
        var assembled = packets.SelectMany(_assembler.Push);
        if (endOfStream)
        {
            assembled = assembled.Concat(_assembler.Flush());
        }

        foreach (var result in assembled.ToList())
        {
            _frames++;
            var frame = new VideoFrame(Track.Index, _frames, result.Data, result.Width, result.Height, result.Timestamp, null)
            {
                Encoding = Track.Format,
                IsKeyframe = result.IsKeyframe,
            };
            if (_holdingFrames && _heldFrames.Count < MaxHeldFrames)
            {
                _heldFrames.Add(frame);
                continue;
            }

            if (_anchorOnNextFrame)
            {
                _rtpTimeBase = result.Timestamp;
                _anchorOnNextFrame = false;
            }

            frames.Add(frame with { Position = PositionOf(result.Timestamp) });
        }

        return frames;
    }

    private double? PositionOf(uint timestamp)
        => _rtpTimeBase is { } rtpBase ? _nptBase + (int)(timestamp - rtpBase) / (double)Track.ClockRate : null;

    private void Emit(List<VideoFrame> frames)
    {
        foreach (var frame in frames)
        {
            FrameReady?.Invoke(frame);
        }
    }

    private long ToTimestampUnits(long ticks) => (long)(ticks * (double)Track.ClockRate / Stopwatch.Frequency);
}
