namespace Rtsp.Harness.Scenarios;

/// <summary>A user name and password a step answers a 401 challenge with (Basic or Digest, whichever the server offers).</summary>
public sealed record Credentials(string User, string Password);
