namespace Rtsp.Harness.Analysis.H26x;

/// <summary>A picture written to the decodable stream: where it started in the capture and its timestamp (for evidence).</summary>
internal readonly record struct PictureRecord(long FirstPacket, uint Timestamp);
