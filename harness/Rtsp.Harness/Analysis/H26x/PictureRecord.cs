namespace Rtsp.Harness.Analysis.H26x;

/// <summary>A picture written to the decodable stream: where it started in the capture, its timestamp, and its play
/// segment (a decoder outputs each segment's pictures in timestamp order, the segments one after the other).</summary>
internal readonly record struct PictureRecord(long FirstPacket, uint Timestamp, int Segment);
