using System.CommandLine;
using Rtsp.Ref.Serve;

// rtsp-ref: one command per subcommand class; add a subcommand with one line here.
var root = new RootCommand("rtsp-ref: the reference RTSP server (and client) of RtspConformance");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(Rtsp.Ref.Play.PlayCommand.Create());

// Ctrl-C / SIGTERM cancel the running command's token; it then has this long to shut down cleanly.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
