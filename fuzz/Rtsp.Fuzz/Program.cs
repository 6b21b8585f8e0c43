using Rtsp.Fuzz.Targets;
using SharpFuzz;

namespace Rtsp.Fuzz;

/// <summary>Entry point: runs one fuzz target under afl-fuzz, or replays files through it.</summary>
public static class Program
{
    private const string Usage = """
        Usage: Rtsp.Fuzz TARGET                     run TARGET under afl-fuzz (started by scripts/fuzz.sh)
               Rtsp.Fuzz --replay TARGET PATH...    run TARGET once on each file (or every file in each folder),
                                                    print the exception a crasher raises; exit 1 if any did
               Rtsp.Fuzz --list                     print the target names, one a line
               Rtsp.Fuzz --write-seeds ROOT         write the seed corpora into the repository at ROOT
                                                    (*/FuzzCorpus/TARGET/; crash-* files are kept)
               Rtsp.Fuzz --help
        A target fails on any exception other than the parser's typed error (ProtocolFormatException).
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            Console.WriteLine("Targets:");
            foreach (var target in AllTargets.List)
            {
                Console.WriteLine($"  {target.Name,-20} {target.Description}");
            }
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "--list")
        {
            foreach (var target in AllTargets.List)
            {
                Console.WriteLine(target.Name);
            }
            return 0;
        }
        if (args[0] == "--write-seeds")
        {
            return args.Length == 2 ? SeedCorpusWriter.Write(args[1]) : Fail("--write-seeds needs the repository root.");
        }
        if (args[0] == "--replay")
        {
            return args.Length >= 3 && Find(args[1]) is { } replayed ? Replay(replayed, args[2..]) : Fail($"--replay needs a known TARGET and at least one PATH.");
        }
        if (Find(args[0]) is not { } fuzzed)
        {
            return Fail($"unknown target '{args[0]}' (see --help for the list).");
        }

        // Out of process: a StackOverflowException or a timeout kills only the child, and the parent reports it to
        // afl-fuzz as a crash or hang instead of ending the whole run.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            fuzzed.Run(buffer.ToArray());
        });
        return 0;
    }

    private static FuzzTarget? Find(string name) => AllTargets.List.FirstOrDefault(t => t.Name == name);

    private static int Replay(FuzzTarget target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // a replay reports every exception a crasher raises, whatever its type
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                Console.WriteLine($"CRASH {file}: {e}");
            }
        }
        Console.WriteLine($"{target.Name}: {files.Count} files replayed, {failed} crashed");
        return failed == 0 ? 0 : 1;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"Rtsp.Fuzz: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
