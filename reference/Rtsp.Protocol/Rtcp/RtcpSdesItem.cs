namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// One SDES item: a type and UTF-8 text of at most 255 bytes (RFC 3550 §6.5). A PRIV item's prefix length,
/// prefix and value are kept together in <see cref="Text"/>.
/// </summary>
public sealed record RtcpSdesItem(RtcpSdesItemType Type, string Text);
