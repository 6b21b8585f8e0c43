using Rtsp.Fuzz.Targets;

namespace Rtsp.Protocol.Tests.Fuzzing;

/// <summary>
/// Replays every committed fuzz corpus file (FuzzCorpus/TARGET/, the seeds and every crasher afl++ ever found)
/// through the same target code the fuzzer runs (fuzz/Rtsp.Fuzz.Targets): each must finish within a second and
/// raise nothing but the parser's typed error. No fuzzing here; scripts/fuzz.sh does that.
/// </summary>
public class FuzzCorpusReplayTests
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");

    private static IEnumerable<TestCaseData> CorpusFiles() =>
        CorpusReplay.Files(ProtocolTargets.All, CorpusRoot)
            .Select(f => new TestCaseData(f.Target.Name, f.FileName).SetName($"Replay {f.Target.Name}/{f.FileName}"));

    [TestCaseSource(nameof(CorpusFiles))]
    public void Corpus_file_is_handled_within_a_second_with_at_most_the_typed_error(string targetName, string fileName)
    {
        var target = ProtocolTargets.All.Single(t => t.Name == targetName);
        var (finished, error, elapsed) = CorpusReplay.Run(target, File.ReadAllBytes(Path.Combine(CorpusRoot, targetName, fileName)));

        finished.Should().BeTrue($"{targetName}/{fileName} must not hang");
        error.Should().BeNull($"{targetName}/{fileName} may raise only the parser's typed error");
        elapsed.Should().BeLessThan(CorpusReplay.HangBound, $"afl-fuzz runs with -t 1000: {targetName}/{fileName} would count as a hang");
    }

    [Test]
    public void Every_target_has_a_small_seed_corpus()
    {
        foreach (var target in ProtocolTargets.All)
        {
            var folder = Path.Combine(CorpusRoot, target.Name);
            Directory.Exists(folder).Should().BeTrue($"target {target.Name} needs seeds in FuzzCorpus/{target.Name}");
            var files = Directory.GetFiles(folder);
            files.Length.Should().BeGreaterThanOrEqualTo(3, $"target {target.Name} needs a few real seeds");
            files.Should().OnlyContain(f => new FileInfo(f).Length < 64 * 1024, "afl-fuzz works best with small seeds");
        }
        Directory.GetFiles(CorpusRoot, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            .Should().BeLessThan(5 * 1024 * 1024, "the committed corpora stay small");
    }

    [Test]
    public void Target_names_are_unique_and_name_their_corpus_folders()
    {
        ProtocolTargets.All.Select(t => t.Name).Should().OnlyHaveUniqueItems();
        Directory.GetDirectories(CorpusRoot).Select(Path.GetFileName)
            .Should().BeSubsetOf(ProtocolTargets.All.Select(t => t.Name), "every corpus folder belongs to a target");
    }
}
