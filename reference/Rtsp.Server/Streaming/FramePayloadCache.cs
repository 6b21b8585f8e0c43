using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Rtsp.Media;
using Rtsp.Protocol;
using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Jpeg;
using Rtsp.Server.Faults;

namespace Rtsp.Server.Streaming;

/// <summary>
/// RTP payloads of each frame (RFC 2435 for JPEG, RFC 6184 packetization-mode=1 for H.264), computed once and shared by every session playing the same source (the
/// payload bytes do not depend on the session; only the 12-byte RTP header does). Stored sources are cached
/// by frame index up to <see cref="MaxCachedFrames"/> frames; live frames while a session still holds them.
/// A frame the core cannot packetize (not RFC 2435-carriable) gives an empty list and one warning.
/// </summary>
public sealed class FramePayloadCache(int maxPayload, ILogger logger, FaultSet? faults = null)
{
    /// <summary>Longer stored sources are packetized on the fly instead (memory stays bounded by this).</summary>
    public const int MaxCachedFrames = 3000;

    private readonly JpegPacketizer _packetizer = new(maxPayload);
    private readonly H264Packetizer _h264Packetizer = new(maxPayload);
    private readonly H264PayloadFaults _h264Faults = new(faults ?? FaultSet.None);
    private readonly ConcurrentDictionary<IStoredMediaSource, byte[][]?[]> _stored = new(ReferenceEqualityComparer.Instance);
    private readonly ConditionalWeakTable<EncodedFrame, byte[][]> _live = new();
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public IReadOnlyList<byte[]> Get(IStoredMediaSource source, int index)
    {
        if (source.FrameCount > MaxCachedFrames)
            return Packetize(source, index);
        var frames = _stored.GetOrAdd(source, s => new byte[][]?[s.FrameCount]);
        return frames[index] ??= [.. Packetize(source, index)];
    }

    public IReadOnlyList<byte[]> Get(ILiveMediaSource source, EncodedFrame frame) =>
        _live.GetValue(frame, f => [.. Packetize(source.Path, f.Number, f.Jpeg)]);

    private IReadOnlyList<byte[]> Packetize(IStoredMediaSource source, int index) =>
        source.Codec == MediaCodec.H264
            ? _h264Faults.Packetize(_h264Packetizer, source.GetFrame(index))
            : Packetize(source.Path, index, source.GetFrame(index));

    private IReadOnlyList<byte[]> Packetize(string path, long index, ReadOnlyMemory<byte> jpeg)
    {
        try
        {
            return _packetizer.Packetize(JpegFrameInfo.Parse(jpeg));
        }
        catch (ProtocolFormatException ex)
        {
            if (_warned.TryAdd(path, true))
                logger.LogWarning("{Path}: frame {Index} cannot be sent over RTP/JPEG and is skipped ({Reason}); later bad frames of this source are skipped silently", path, index, ex.Message);
            return [];
        }
    }
}
