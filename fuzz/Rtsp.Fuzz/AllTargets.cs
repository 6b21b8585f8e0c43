using Rtsp.Fuzz.HarnessTargets;
using Rtsp.Fuzz.Targets;

namespace Rtsp.Fuzz;

/// <summary>Every fuzz target the driver knows, by name.</summary>
internal static class AllTargets
{
    public static IReadOnlyList<FuzzTarget> List { get; } = [.. ProtocolTargets.All, .. HarnessReaderTargets.All];
}
