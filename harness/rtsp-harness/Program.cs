using System.CommandLine;
using Rtsp.Harness.Cli.Analyze;
using Rtsp.Harness.Cli.List;
using Rtsp.Harness.Cli.Run;

var root = new RootCommand("rtsp-harness: judge an RTSP/RTP (MJPEG) server against RFC 2326, RFC 3550 and RFC 2435.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"rtsp-harness: {error.Message}");
    }

    Console.Error.WriteLine("rtsp-harness: see 'rtsp-harness --help' or 'rtsp-harness run --help'");
    return 2;
}

return parsed.Invoke();
