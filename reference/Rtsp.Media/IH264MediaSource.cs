namespace Rtsp.Media;

/// <summary>
/// A stored H.264 source: each frame (<see cref="IStoredMediaSource.GetFrame"/>) is one access unit in Annex B, in
/// decoding order, with SPS and PPS in-band before every keyframe.
/// </summary>
public interface IH264MediaSource : IStoredMediaSource
{
    /// <summary>The stream's parameter sets (those before its first keyframe).</summary>
    H264ParameterSets ParameterSets { get; }
}
