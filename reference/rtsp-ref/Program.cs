using System.CommandLine;

var root = new RootCommand("rtsp-ref: the reference RTSP server and client of RtspConformance.");
root.Subcommands.Add(Rtsp.Ref.Play.PlayCommand.Create());
return await root.Parse(args).InvokeAsync();
