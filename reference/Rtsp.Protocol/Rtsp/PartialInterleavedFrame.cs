namespace Rtsp.Protocol.Rtsp;

/// <summary>An interleaved frame still arriving: <see cref="Received"/> of <see cref="Length"/> payload bytes so far.</summary>
public readonly record struct PartialInterleavedFrame(byte Channel, int Length, int Received);
