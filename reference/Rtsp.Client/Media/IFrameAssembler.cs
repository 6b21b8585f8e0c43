using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Media;

/// <summary>Turns one track's RTP packets, in sequence order, into complete frames of its payload format.</summary>
internal interface IFrameAssembler
{
    /// <summary>Frames that could not be completed (missing or broken packets) and were dropped.</summary>
    long IncompleteFrames { get; }

    /// <summary>The frames this packet completed (usually none or one).</summary>
    IReadOnlyList<AssembledFrame> Push(RtpPacket packet);

    /// <summary>A frame still in progress at the end of the stream, if it can be completed without a marker.</summary>
    IReadOnlyList<AssembledFrame> Flush();
}

/// <summary>A frame out of an assembler, before the receiver numbers and places it.</summary>
internal readonly record struct AssembledFrame(byte[] Data, int Width, int Height, uint Timestamp, bool IsKeyframe);
