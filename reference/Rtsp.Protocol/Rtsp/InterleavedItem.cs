namespace Rtsp.Protocol.Rtsp;

/// <summary>One unit read from an RTSP connection that carries interleaved data (RFC 2326 §10.12): either a
/// <see cref="InterleavedFrame"/> or an <see cref="RtspItem"/>.</summary>
public abstract record InterleavedItem;
