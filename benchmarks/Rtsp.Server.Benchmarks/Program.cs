using System.CommandLine;
using Rtsp.Server.Benchmarks;

var root = new RootCommand("Server benchmarks: frame pacer precision, session capacity and the cost of an interleaved flood (figures, no assertions)");
root.Subcommands.Add(PacerBenchmark.Create());
root.Subcommands.Add(CapacityBenchmark.Create());
root.Subcommands.Add(InterleavedFloodBenchmark.Create());
root.Subcommands.Add(LoadBenchmark.Create());
return await root.Parse(args).InvokeAsync();
