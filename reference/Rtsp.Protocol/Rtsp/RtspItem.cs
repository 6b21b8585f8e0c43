namespace Rtsp.Protocol.Rtsp;

/// <summary>An RTSP request or response read between interleaved frames.</summary>
public sealed record RtspItem(RtspMessage Message) : InterleavedItem;
