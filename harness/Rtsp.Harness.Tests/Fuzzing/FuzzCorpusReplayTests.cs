using Rtsp.Fuzz.HarnessTargets;
using Rtsp.Fuzz.Targets;

namespace Rtsp.Harness.Tests.Fuzzing;

/// <summary>
/// Replays every committed fuzz corpus file of the harness's readers (FuzzCorpus/TARGET/: the seeds and every
/// crasher afl++ found) through the same target code the fuzzer runs: each must finish within a second and raise
/// nothing but the reader's typed error (ScenarioLoadException, CaptureFormatException).
/// </summary>
public class FuzzCorpusReplayTests
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");

    private static IEnumerable<TestCaseData> CorpusFiles() =>
        CorpusReplay.Files(HarnessReaderTargets.All, CorpusRoot)
            .Select(f => new TestCaseData(f.Target.Name, f.FileName).SetName($"Replay {f.Target.Name}/{f.FileName}"));

    [TestCaseSource(nameof(CorpusFiles))]
    public void Corpus_file_is_handled_within_a_second_with_at_most_the_typed_error(string targetName, string fileName)
    {
        var target = HarnessReaderTargets.All.Single(t => t.Name == targetName);
        var (finished, error, elapsed) = CorpusReplay.Run(target, File.ReadAllBytes(Path.Combine(CorpusRoot, targetName, fileName)));

        finished.Should().BeTrue($"{targetName}/{fileName} must not hang");
        error.Should().BeNull($"{targetName}/{fileName} may raise only the reader's typed error");
        elapsed.Should().BeLessThan(CorpusReplay.HangBound, $"afl-fuzz runs with -t 1000: {targetName}/{fileName} would count as a hang");
    }

    [Test]
    public void Every_harness_target_has_seeds()
    {
        foreach (var target in HarnessReaderTargets.All)
        {
            var folder = Path.Combine(CorpusRoot, target.Name);
            Directory.Exists(folder).Should().BeTrue($"target {target.Name} needs seeds in FuzzCorpus/{target.Name}");
            Directory.GetFiles(folder).Should().HaveCountGreaterThanOrEqualTo(3)
                .And.OnlyContain(f => new FileInfo(f).Length < 64 * 1024, "afl-fuzz works best with small seeds");
        }
    }
}
