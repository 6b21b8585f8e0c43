namespace Rtsp.Protocol.Jpeg;

/// <summary>One frame reassembled from RFC 2435 payloads: a complete JFIF image and the header values it came with.</summary>
/// <param name="Jpeg">SOI .. EOI, decodable by any baseline JPEG decoder.</param>
/// <param name="Timestamp">The RTP timestamp shared by the frame's packets.</param>
public sealed record JpegFrameResult(byte[] Jpeg, int Width, int Height, uint Timestamp, byte Type, byte Q, int RestartInterval);
