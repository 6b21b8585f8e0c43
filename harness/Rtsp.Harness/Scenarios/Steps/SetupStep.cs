namespace Rtsp.Harness.Scenarios.Steps;

/// <summary>SETUP of one track from the last DESCRIBE.</summary>
/// <param name="Track">Index of the SDP media section whose control URL is set up.</param>
/// <param name="LowerTransport">"udp", "tcp", or null for the transport the scenario is running over.</param>
/// <param name="Interleaved">TCP channels to ask for ("0-1"); null = 2×track and 2×track+1; "none" = let the server pick.</param>
/// <param name="TransportHeader">A literal Transport header sent instead of the one the harness builds (for 461 tests).</param>
/// <param name="Destination">A destination= to ask for (third-party delivery must be refused, RFC 2326 §15).</param>
public sealed record SetupStep(
    RequestStep Request,
    int Track,
    string? LowerTransport,
    string? Interleaved,
    string? TransportHeader,
    string? Destination)
    : RequestStep(Request)
{
    public override string Describe() =>
        TransportHeader is null ? $"SETUP track {Track} (line {Line})" : $"SETUP track {Track} with Transport: {TransportHeader} (line {Line})";
}
