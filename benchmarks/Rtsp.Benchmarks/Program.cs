using BenchmarkDotNet.Running;

// ./run-tests.sh bench runs every benchmark here; pass BenchmarkDotNet arguments to pick some, e.g. --filter '*Rtp*'.
return BenchmarkSwitcher.FromAssembly(typeof(Rtsp.Benchmarks.RtspParseBenchmarks).Assembly).Run(args).Any() ? 0 : 1;
