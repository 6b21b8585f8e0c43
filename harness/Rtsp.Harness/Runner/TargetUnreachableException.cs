namespace Rtsp.Harness.Runner;

/// <summary>The target cannot be reached at all: an environment problem (exit code 2), not a conformance finding.</summary>
public sealed class TargetUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
