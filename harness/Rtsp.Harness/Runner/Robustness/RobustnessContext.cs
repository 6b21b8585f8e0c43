using System.Net;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Checks;
using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>What a robustness step may use of the scenario run: the target, its named sessions, new connections of its
/// own (recorded in the transcript like every other), and the list its findings go to.</summary>
public sealed class RobustnessContext
{
    /// <summary>The second client address on loopback (all of 127.0.0.0/8 is local on Linux).</summary>
    public static readonly IPAddress SecondLoopbackAddress = IPAddress.Parse("127.0.0.2");

    public required TargetInfo Target { get; init; }

    public required TimeSpan RequestTimeout { get; init; }

    public required List<CheckResult> Results { get; init; }

    public required List<ScenarioEvent> Events { get; init; }

    public required Func<string, SessionContext> Session { get; init; }

    public required Func<string, CheckDefinition> Check { get; init; }

    public required PacketRecorder Recorder { get; init; }

    public required Action<TranscriptEntry> Transcript { get; init; }

    public required ClientPortRange ClientPorts { get; init; }

    public required CancellationToken Cancellation { get; init; }

    /// <summary>True when the target resolves to a loopback address: a second source address (127.0.0.2) and a third
    /// party listening on it can then be simulated.</summary>
    public bool TargetOnLoopback =>
        IPAddress.TryParse(Target.Host, out var address) ? IPAddress.IsLoopback(address) : Target.Host is "localhost";

    /// <summary>A new connection to the target, from <paramref name="localAddress"/> when given.</summary>
    public RtspConnection Open(IPAddress? localAddress = null) =>
        RtspConnection.Open(Target.Host, Target.Port, RequestTimeout, Recorder, Transcript, localAddress);

    /// <summary>Fills placeholders; {cseq} counts on the default session, so every request of the run has its own.</summary>
    public string Fill(string template) => Placeholders.Fill(template, Target, Session(Scenarios.Steps.ScenarioStep.DefaultSession));

    /// <summary>Notes what was sent without recording it as a packet (hostile bytes need not parse as a request).</summary>
    public void Note(string text) => Transcript(new TranscriptEntry(HarnessClock.NowNs(), false, text));

    public void Sleep(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero && Cancellation.WaitHandle.WaitOne(duration))
        {
            Cancellation.ThrowIfCancellationRequested();
        }
    }
}
