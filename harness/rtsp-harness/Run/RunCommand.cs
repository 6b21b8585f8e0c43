using System.CommandLine;
using Rtsp.Harness.Runner;

namespace Rtsp.Harness.Cli.Run;

/// <summary><c>rtsp-harness run</c>: the scenario catalogue against a target (or against the reference server it starts).</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var target = new Option<string?>("--target")
        {
            Description = "The presentation to judge, rtsp://[user:password@]host:port/path. Without it the reference server is started on a free port and its sample tested. "
                + "The harness first sends OPTIONS and DESCRIBE: no RTSP answer, or a DESCRIBE refused (404, 401, ...), is a usage error (exit 2) saying what was answered. "
                + "Expectations come from the target's SDP: its length (a=range), frame rate (a=framerate, else measured from RTP timestamps) and payload format.",
        };
        var liveTarget = new Option<string?>("--live-target")
        {
            Description = "A live presentation (a=range:npt=now-) for the scenarios that need one (describe-live, seek-live, pause-range-live). "
                + "Default: the reference server's live/pattern when the harness starts it; with an external stored --target and no --live-target they are not applicable.",
        };
        var user = new Option<string?>("--user")
        {
            Description = "User name for targets that ask for credentials (RFC 2326 §12.5: Digest, else Basic, answered on every request); also rtsp://user:password@host/path. "
                + "With credentials the auth-* scenarios run against a target that asks for them.",
        };
        var password = new Option<string?>("--password") { Description = "Password for --user (never printed: reports show rtsp://user:***@...)." };
        var scenariosDir = new Option<DirectoryInfo?>("--scenarios") { Description = "Directory of scenario YAML files (default: scenarios/ of the checkout)." };
        var scenarioNames = new Option<string[]>("--scenario")
        {
            Description = "Run only these scenarios (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var tags = new Option<string[]>("--tag")
        {
            Description = "Run only scenarios with one of these tags (repeatable), e.g. robustness; `rtsp-harness list` shows the tags.",
            AllowMultipleArgumentsPerToken = true,
        };
        var transport = new Option<string>("--transport")
        {
            Description = "Media transport: udp, tcp or both.",
            DefaultValueFactory = _ => "both",
        };
        transport.AcceptOnlyFromAmong("udp", "tcp", "both");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Reports root (default: reports/ of the checkout); the run writes <out>/<run-id>/." };
        var capture = new Option<string>("--capture")
        {
            Description = "pcap (SharpPcap, needs capture rights), socket (the harness's own receivers) or auto.",
            DefaultValueFactory = _ => "auto",
        };
        capture.AcceptOnlyFromAmong("pcap", "socket", "auto");
        var device = new Option<string?>("--interface") { Description = "Capture interface (default: lo for a loopback target)." };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for each response.",
            DefaultValueFactory = _ => 5,
        };
        var faults = new Option<string[]>("--fault")
        {
            Description = "Fault switches for the reference server this run starts (repeatable or comma-separated), e.g. seq-gap.",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("run", "Run the scenario catalogue against a target and write reports/<run-id>/.")
        {
            target, liveTarget, user, password, scenariosDir, scenarioNames, tags, transport, output, capture, device, timeout, faults,
        };
        command.SetAction(parse => RunAction.Execute(new RunArguments(
            parse.GetValue(target),
            parse.GetValue(scenariosDir)?.FullName,
            parse.GetValue(scenarioNames) ?? [],
            parse.GetValue(tags) ?? [],
            parse.GetValue(transport)!,
            parse.GetValue(output)?.FullName,
            Enum.Parse<CaptureMode>(parse.GetValue(capture)!, ignoreCase: true),
            parse.GetValue(device),
            parse.GetValue(timeout),
            (parse.GetValue(faults) ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList())
        {
            LiveTarget = parse.GetValue(liveTarget),
            User = parse.GetValue(user),
            Password = parse.GetValue(password),
        }));
        return command;
    }
}

public sealed record RunArguments(
    string? Target,
    string? ScenariosDirectory,
    IReadOnlyList<string> ScenarioNames,
    IReadOnlyList<string> Tags,
    string Transport,
    string? Output,
    CaptureMode Capture,
    string? Interface,
    double TimeoutSeconds,
    IReadOnlyList<string> Faults)
{
    public string? LiveTarget { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }
}
