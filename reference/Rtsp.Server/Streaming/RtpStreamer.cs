using System.Diagnostics;
using Rtsp.Media;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Rtp;
using Rtsp.Server.Faults;
using Rtsp.Server.Pacing;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Streaming;

/// <summary>
/// One session's RTP/RTCP sender. Between PLAYs it keeps the SSRC, the next sequence number and the next
/// timestamp, so a PAUSE then PLAY resumes with seq + 1 and a timestamp one frame after the last one sent: the
/// RTP clock does not advance while paused (RFC 2326 10.6 leaves this to the server; this keeps the stream free
/// of a timestamp jump that some players turn into a long freeze). A seek continues the same way, and RTP-Info
/// gives the new npt <-> rtptime mapping. While registered with the <see cref="FramePacer"/>, only the pacer
/// thread touches the sending state; Start and Stop hand it over.
/// </summary>
public sealed class RtpStreamer : IPacedStream
{
    public const int JpegPayloadType = 26;

    /// <summary>The dynamic payload type H.264 is announced with (RFC 6184 §8.2.1: a=rtpmap:96 H264/90000).</summary>
    public const int H264PayloadType = 96;
    public const int ClockRate = 90000;

    private readonly IMediaSource _source;
    private readonly IRtpSink _sink;
    private readonly FramePacer _pacer;
    private readonly FramePayloadCache _payloads;
    private readonly FaultSet _faults;
    private readonly int _payloadType;

    // drop-fragment and fragment-offset break RFC 2435 fragment offsets: H.264 payloads have none.
    private readonly bool _jpegFaults;
    private readonly TimeSpan _senderReportInterval;
    private readonly string _cname;
    private readonly RtpPacket _packet = new();
    private readonly byte[] _buffer = new byte[65536];
    private readonly byte[] _held = new byte[65536];
    // One slice's packets back to back, for one batched send (a 640x480 JPEG frame is about 9 packets of 1412 bytes).
    private const int MaxBatchPackets = 64;
    private readonly byte[] _batch = new byte[256 * 1024];
    private readonly int[] _batchLengths = new int[MaxBatchPackets];
    private readonly double _period;
    private readonly double _timestampsPerFrame;
    private readonly double _spreadTicks;
    private readonly ILiveSubscription? _live;
    private readonly LiveTiming? _liveTiming;

    // Survives PLAY/PAUSE.
    private uint _timestampBase;
    private long _ticksBeforeRun;
    private long _packetNumber;
    private long _packetsSent;
    private long _octetsSent;
    private uint _timestampJump;
    private long _nextSenderReport;
    private bool _byeSent;

    // One PLAY run.
    private PacerRegistration? _registration;
    private long _runStart;
    private long _runTick;
    private int _position;
    private int _endFrame;
    private IReadOnlyList<byte[]>? _pending;
    private int _pendingNext;
    private int _pendingSlices;
    private uint _pendingTimestamp;
    private long _pendingFrameDeadline;
    private int _heldLength;
    private uint _lastTimestamp;
    private long _lastFrameDeadline;

    public RtpStreamer(IMediaSource source, IRtpSink sink, FramePacer pacer, FramePayloadCache payloads, FaultSet faults,
        TimeSpan senderReportInterval, double spread, string cname)
    {
        _source = source;
        _sink = faults.IsHostile(HostileKind.SilenceAfterPlay) ? new SilentRtpSink(sink) : sink;
        if (faults.Has(FaultKind.H264TsPerPacket) && source.Codec == MediaCodec.H264)
            _sink = new TimestampPerPacketSink(_sink);
        _pacer = pacer;
        _payloads = payloads;
        _faults = faults;
        _senderReportInterval = senderReportInterval;
        _cname = cname;
        Ssrc = RandomRtp.UInt32();
        InitialSsrc = Ssrc;
        NextSequence = RandomRtp.UInt16();
        _timestampBase = RandomRtp.UInt32();
        _jpegFaults = source.Codec == MediaCodec.Jpeg;
        _payloadType = faults.Has(FaultKind.PayloadType) ? FaultCatalog.WrongPayloadType(source.Codec) : PayloadTypeOf(source.Codec);
        _period = Stopwatch.Frequency / source.FrameRate;
        int clock = faults.Has(FaultKind.ClockRate) ? FaultCatalog.ClockRateHz : ClockRate;
        _timestampsPerFrame = clock / source.FrameRate;
        _spreadTicks = spread * _period;
        // Live sources: subscribe now so a frame is ready the moment PLAY starts (RTP-Info names that packet).
        _live = source is ILiveMediaSource live ? live.Subscribe() : null;
        _liveTiming = _live is null ? null : new LiveTiming(_period, _timestampsPerFrame * source.FrameRate);
    }

    /// <summary>The payload type a source's frames are sent with and announced under in the SDP.</summary>
    public static int PayloadTypeOf(MediaCodec codec) => codec == MediaCodec.H264 ? H264PayloadType : JpegPayloadType;

    /// <summary>Raised on the pacer thread, with the run number, when a stored source has no frame left to send.</summary>
    public event Action<int>? EndOfMedia;

    /// <summary>Raised on the pacer thread when the sink overflowed (a TCP client that stopped reading).</summary>
    public event Action? SinkOverflowed;

    /// <summary>Counts Start calls: lets an end-of-media notice tell whether it is about the current run.</summary>
    public int Run { get; private set; }

    public uint Ssrc { get; private set; }

    /// <summary>The first SSRC (the one SETUP announced).</summary>
    public uint InitialSsrc { get; }

    public ushort NextSequence { get; private set; }

    /// <summary>The timestamp the next frame will carry (its presentation time: see <see cref="IStoredMediaSource.PresentationOffset"/>).</summary>
    public uint NextTimestamp => unchecked(Timestamp(0) + PresentationShift(_position));

    /// <summary>The stored frame the next PLAY without Range starts at.</summary>
    public int Position => _position;

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public long OctetsSent => Interlocked.Read(ref _octetsSent);

    public bool IsRunning => _registration is { IsCancelled: false };

    public ReceiverReportSummary? LastReceiverReport { get; private set; }

    /// <summary>Sets where the next run starts (a seek); only while stopped.</summary>
    public void Seek(int frame) => _position = frame;

    /// <summary>Starts sending now: frame <see cref="Position"/> first, up to <paramref name="endFrame"/> (exclusive).</summary>
    public void Start(int endFrame)
    {
        if (IsRunning)
            throw new InvalidOperationException("already playing");
        _endFrame = endFrame;
        Run++;
        _byeSent = false;
        _runTick = 0;
        _pending = null;
        _runStart = Stopwatch.GetTimestamp();
        _liveTiming?.StartRun(unchecked(Timestamp(0) - _timestampJump));
        if (_nextSenderReport == 0)
            _nextSenderReport = _runStart;
        _registration = _pacer.Schedule(this, _runStart);
    }

    /// <summary>Stops at a frame boundary and returns once the pacer has let go of this stream.</summary>
    public void Stop()
    {
        var registration = _registration;
        if (registration is null)
            return;
        registration.Dispose();
        _registration = null;
        FinishRun();
    }

    /// <summary>RTCP BYE (RFC 3550 6.6), preceded by a sender report as every compound packet must start with one.</summary>
    public void SendBye()
    {
        if (_byeSent || _faults.Has(FaultKind.NoRtcp))
            return;
        _byeSent = true;
        var packets = SenderReportPackets(Stopwatch.GetTimestamp());
        packets.Add(new RtcpGoodbye { Sources = [Ssrc], Reason = "teardown" });
        _sink.SendRtcp(RtcpCompoundPacket.Serialize(packets));
    }

    /// <summary>Accounts an RTCP packet from the client; true when it held a receiver report (renews the session).</summary>
    public bool ReceiveRtcp(ReadOnlyMemory<byte> data)
    {
        if (!RtcpCompoundPacket.TryParse(data.Span, out var packets, out _) || packets is null)
            return false;
        bool report = false;
        foreach (var packet in packets)
        {
            var blocks = packet switch
            {
                RtcpReceiverReport rr => rr.ReportBlocks,
                RtcpSenderReport sr => sr.ReportBlocks,
                _ => null,
            };
            if (blocks is null)
                continue;
            report = true;
            foreach (var block in blocks.Where(b => b.Ssrc == Ssrc || b.Ssrc == InitialSsrc))
            {
                LastReceiverReport = new ReceiverReportSummary((LastReceiverReport?.Reports ?? 0) + 1, block.FractionLost,
                    block.CumulativeLost, block.ExtendedHighestSequence, block.Jitter);
            }
        }
        return report;
    }

    public void Dispose()
    {
        Stop();
        _live?.Dispose();
    }

    PacedStep IPacedStream.OnDeadline(long scheduled, long now)
    {
        if (_pending is not null)
        {
            SendSlice();
            return _pending is null ? NextFrameStep() : PacedStep.Slice(SliceDeadline());
        }
        int frames = _faults.Has(FaultKind.Burst) && FaultTick(_runTick) % FaultCatalog.FramePeriod == 0 ? FaultCatalog.BurstFrames : 1;
        for (int i = 0; i < frames; i++)
        {
            if (!SendFrame(scheduled, i == 0 && frames == 1))
            {
                FinishRun();
                // End of the media is the end of this sender's stream: BYE tells players so (ffmpeg and
                // GStreamer treat it as end of stream; without it they wait for their timeout).
                SendBye();
                EndOfMedia?.Invoke(Run);
                return PacedStep.Stop;
            }
            if (_sink.IsOverflowed)
            {
                FinishRun();
                SinkOverflowed?.Invoke();
                return PacedStep.Stop;
            }
        }
        MaybeSendSenderReport(now);
        return _pending is null ? NextFrameStep() : PacedStep.Slice(SliceDeadline());
    }

    /// <summary>Sends (or starts sending) the frame of the current tick; false when the stored media has ended or the live source stopped.</summary>
    private bool SendFrame(long scheduled, bool mayBeSpread)
    {
        IReadOnlyList<byte[]> payloads;
        EncodedFrame? liveFrame = null;
        uint presentationShift = 0;
        if (_live is not null)
        {
            liveFrame = _live.TakeNext();
            if (liveFrame is null)
                return !_live.HasEnded;
            payloads = _payloads.Get((ILiveMediaSource)_source, liveFrame);
        }
        else
        {
            if (_position >= _endFrame && _faults.IsHostile(HostileKind.RtpFlood) && RtpFloodSchedule.IsFlooding(_runTick, _period))
                _position = 0;
            if (_position >= _endFrame)
                return false;
            payloads = _payloads.Get((IStoredMediaSource)_source, _position);
            presentationShift = PresentationShift(_position);
            _position++;
        }
        long tick = FaultTick(_runTick);
        if (tick > 1 && _faults.Has(FaultKind.SsrcChange) && (tick - 1) % FaultCatalog.SsrcChangeFrames == 0)
            Ssrc = RandomRtp.UInt32();
        if (tick > 1 && _faults.Has(FaultKind.TsJump) && (tick - 1) % FaultCatalog.TsJumpFrames == 0)
            _timestampJump += FaultCatalog.TsJumpTicks;
        uint timestamp = Timestamp(_runTick);
        long sampled = scheduled;
        if (liveFrame is not null && _liveTiming is not null)
        {
            timestamp = unchecked(_liveTiming.TimestampOf(liveFrame, scheduled) + _timestampJump);
            sampled = LiveTiming.SampledAt(liveFrame, scheduled);
        }
        _runTick++;
        if (payloads.Count == 0)
            return true;
        if (_jpegFaults && _faults.Has(FaultKind.DropFragment) && payloads.Count > 2 && tick % FaultCatalog.FramePeriod == 0)
            payloads = [.. payloads.Where((_, i) => i != 1)];
        _lastTimestamp = timestamp;
        _lastFrameDeadline = sampled;
        _pending = payloads;
        _pendingNext = 0;
        _pendingTimestamp = unchecked(timestamp + presentationShift);
        _pendingFrameDeadline = scheduled;
        _pendingSlices = mayBeSpread && _spreadTicks > 0 ? Math.Min(payloads.Count, 8) : 1;
        SendSlice();
        return true;
    }

    private void SendSlice()
    {
        var payloads = _pending!;
        int slice = _pendingSlices == 1 ? payloads.Count : (int)Math.Ceiling(payloads.Count / (double)_pendingSlices);
        int end = Math.Min(payloads.Count, _pendingNext + slice);
        if (_faults.IsEmpty && end - _pendingNext <= MaxBatchPackets)
        {
            SendBatch(payloads, end);
            return;
        }
        long tick = FaultTick(_runTick - 1);
        for (; _pendingNext < end; _pendingNext++)
        {
            bool last = _pendingNext == payloads.Count - 1;
            var payload = payloads[_pendingNext];
            if (_jpegFaults && _faults.Has(FaultKind.FragmentOffset) && _pendingNext == 1 && tick % FaultCatalog.FramePeriod == 0)
                payload = ShiftFragmentOffset(payload);
            SendPacket(payload, _pendingTimestamp, last);
        }
        if (_pendingNext >= payloads.Count)
            _pending = null;
    }

    /// <summary>
    /// The slice's packets written back to back and handed to the sink in one call (UDP: one GSO send). Only without
    /// faults: every fault switch acts on single packets.
    /// </summary>
    private void SendBatch(IReadOnlyList<byte[]> payloads, int end)
    {
        int offset = 0, count = 0, payloadBytes = 0;
        for (; _pendingNext < end; _pendingNext++, count++)
        {
            var payload = payloads[_pendingNext];
            if (offset + RtpPacket.FixedHeaderLength + payload.Length > _batch.Length)
                break;
            _packet.Version = 2;
            _packet.PayloadType = _payloadType;
            _packet.Marker = _pendingNext == payloads.Count - 1;
            _packet.SequenceNumber = NextSequence;
            _packet.Timestamp = _pendingTimestamp;
            _packet.Ssrc = Ssrc;
            _packet.Payload = payload;
            _batchLengths[count] = _packet.WriteTo(_batch.AsSpan(offset));
            offset += _batchLengths[count];
            payloadBytes += payload.Length;
            NextSequence = unchecked((ushort)(NextSequence + 1));
        }
        int sent = _sink.SendRtpBatch(_batch.AsSpan(0, offset), _batchLengths.AsSpan(0, count));
        Interlocked.Add(ref _packetsSent, sent);
        Interlocked.Add(ref _octetsSent, sent == count ? payloadBytes : payloadBytes * sent / Math.Max(1, count));
        if (_pendingNext >= payloads.Count)
            _pending = null;
    }

    private long SliceDeadline()
    {
        int slice = (int)Math.Ceiling(_pending!.Count / (double)_pendingSlices);
        int sliceIndex = _pendingNext / slice;
        return _pendingFrameDeadline + (long)(sliceIndex * _spreadTicks / _pendingSlices);
    }

    private PacedStep NextFrameStep()
    {
        if (_liveTiming is null)
            return PacedStep.Frame(Deadline(_runTick));
        long now = Stopwatch.GetTimestamp();
        // Behind the source (it published a burst, or this thread was descheduled): the next frame is due now, or
        // the viewer would stay one frame per period behind until the broadcast made it skip.
        return PacedStep.Frame(_live!.HasWaiting ? now : _liveTiming.NextPoll(now));
    }

    /// <summary>Absolute schedule: run start + k periods (never "previous + period", so no drift).</summary>
    private long Deadline(long k)
    {
        if (_faults.IsHostile(HostileKind.RtpFlood))
            return _runStart + RtpFloodSchedule.Offset(k, _period);
        double factor = _faults.Has(FaultKind.Drift) ? FaultCatalog.DriftFactor : 1.0;
        long deadline = _runStart + (long)(k * _period * factor);
        if (_faults.Has(FaultKind.LateFrames) && FaultTick(k) % FaultCatalog.FramePeriod == 0)
            deadline += Stopwatch.Frequency * FaultCatalog.LateFrameMilliseconds / 1000;
        return deadline;
    }

    /// <summary>1-based frame number across the whole session, what the fault periods count.</summary>
    private long FaultTick(long runTick) => _ticksBeforeRun + runTick + 1;

    /// <summary>Timestamp ticks between a stored frame's decoding slot and its presentation time (B-frames).</summary>
    private uint PresentationShift(int frame) =>
        _source is IStoredMediaSource stored && frame < stored.FrameCount
            ? unchecked((uint)(int)Math.Round(stored.PresentationOffset(frame) * _timestampsPerFrame))
            : 0;

    private uint Timestamp(long runTick) =>
        unchecked(_timestampBase + (uint)Math.Round((_ticksBeforeRun + runTick) * _timestampsPerFrame) + _timestampJump);

    private void SendPacket(ReadOnlyMemory<byte> payload, uint timestamp, bool lastOfFrame)
    {
        _packetNumber++;
        bool periodic = _packetNumber % FaultCatalog.PacketPeriod == 0;
        _packet.Version = _faults.Has(FaultKind.RtpVersion) ? 1 : 2;
        _packet.PayloadType = _payloadType;
        _packet.Marker = _faults.Has(FaultKind.MarkerEveryPacket) || (lastOfFrame && !_faults.Has(FaultKind.NoMarker));
        _packet.SequenceNumber = NextSequence;
        _packet.Timestamp = timestamp;
        _packet.Ssrc = Ssrc;
        _packet.Payload = payload;
        int length = _packet.WriteTo(_buffer);
        NextSequence = unchecked((ushort)(NextSequence + (periodic && _faults.Has(FaultKind.SeqGap) ? 2 : 1)));

        if (periodic && _faults.Has(FaultKind.SeqReorder))
        {
            _buffer.AsSpan(0, length).CopyTo(_held);
            _heldLength = length;
            return;
        }
        Transmit(_buffer.AsSpan(0, length), payload.Length);
        if (periodic && _faults.Has(FaultKind.SeqDuplicate))
            Transmit(_buffer.AsSpan(0, length), payload.Length);
        FlushHeld();
    }

    private void FlushHeld()
    {
        if (_heldLength == 0)
            return;
        Transmit(_held.AsSpan(0, _heldLength), _heldLength - RtpPacket.FixedHeaderLength);
        _heldLength = 0;
    }

    private void Transmit(ReadOnlySpan<byte> packet, int payloadLength)
    {
        if (!_sink.SendRtp(packet))
            return;
        Interlocked.Increment(ref _packetsSent);
        Interlocked.Add(ref _octetsSent, payloadLength);
    }

    private static byte[] ShiftFragmentOffset(byte[] payload)
    {
        // RFC 2435 3.1: bytes 1-3 of the JPEG header are the 24-bit fragment offset.
        var copy = (byte[])payload.Clone();
        int offset = (copy[1] << 16 | copy[2] << 8 | copy[3]) + FaultCatalog.FragmentOffsetError;
        copy[1] = (byte)(offset >> 16);
        copy[2] = (byte)(offset >> 8);
        copy[3] = (byte)offset;
        return copy;
    }

    private void MaybeSendSenderReport(long now)
    {
        if (_faults.Has(FaultKind.NoRtcp) || now < _nextSenderReport || PacketsSent == 0 || _liveTiming is { HasFrameInRun: false })
            return;
        _nextSenderReport = now + (long)(_senderReportInterval.TotalSeconds * Stopwatch.Frequency);
        _sink.SendRtcp(RtcpCompoundPacket.Serialize(SenderReportPackets(now)));
    }

    /// <summary>
    /// SR + SDES CNAME (RFC 3550 6.1: a compound packet starts with SR and carries CNAME). The RTP timestamp is
    /// that of the last frame advanced by the time since its scheduled departure, so NTP and RTP name the same
    /// instant (6.4.1).
    /// </summary>
    private List<RtcpPacket> SenderReportPackets(long now)
    {
        var wallClock = DateTime.UtcNow;
        double sinceFrame = PacketsSent == 0 ? 0 : (now - _lastFrameDeadline) / (double)Stopwatch.Frequency;
        uint rtpNow = unchecked(_lastTimestamp + (uint)Math.Round(sinceFrame * _timestampsPerFrame * _source.FrameRate));
        uint packets = (uint)PacketsSent, octets = (uint)OctetsSent;
        if (_faults.Has(FaultKind.SrInconsistent))
        {
            rtpNow = unchecked(rtpNow + FaultCatalog.SrTimestampError);
            packets /= 2;
            octets /= 2;
        }
        return
        [
            new RtcpSenderReport
            {
                Ssrc = Ssrc,
                NtpTimestamp = NtpTimestamp.FromDateTime(wallClock),
                RtpTimestamp = rtpNow,
                PacketCount = packets,
                OctetCount = octets,
            },
            RtcpSourceDescription.ForCname(Ssrc, _cname),
        ];
    }

    /// <summary>Closes a run: what was sent becomes the base of the next one (timestamps and fault periods continue).</summary>
    private void FinishRun()
    {
        if (_pending is not null)
        {
            // Stop at a frame boundary: finish the frame that was being spread.
            while (_pending is not null)
                SendSlice();
        }
        FlushHeld();
        _ticksBeforeRun += _runTick;
        _runTick = 0;
        if (_liveTiming?.NextTimestamp is uint next)
        {
            // Live timestamps follow the capture clock: move the base so the next run starts one frame after the last sent.
            _timestampBase = unchecked(next - (uint)Math.Round(_ticksBeforeRun * _timestampsPerFrame));
        }
    }
}
