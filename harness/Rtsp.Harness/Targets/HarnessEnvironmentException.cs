namespace Rtsp.Harness.Targets;

/// <summary>Something outside the target is missing or broken (no server build, no port, no capture rights): exit code 2.</summary>
public sealed class HarnessEnvironmentException(string message, Exception? inner = null) : Exception(message, inner);
