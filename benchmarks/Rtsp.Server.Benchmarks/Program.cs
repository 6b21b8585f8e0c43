using System.CommandLine;
using Rtsp.Server.Benchmarks;

var root = new RootCommand("Server benchmarks: frame pacer precision and session capacity (figures, no assertions)");
root.Subcommands.Add(PacerBenchmark.Create());
root.Subcommands.Add(CapacityBenchmark.Create());
return await root.Parse(args).InvokeAsync();
