namespace Rtsp.Harness.Tests.Conformance;

/// <summary>A clean-peers configuration this machine cannot run (a missing encoder or option), with the reason.</summary>
internal sealed class CleanPeerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
