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
            Description = "The presentation to judge, rtsp://host:port/path. Without it the reference server is started on a free port and its sample tested.",
        };
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
            target, scenariosDir, scenarioNames, tags, transport, output, capture, device, timeout, faults,
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
            (parse.GetValue(faults) ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList())));
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
    IReadOnlyList<string> Faults);
