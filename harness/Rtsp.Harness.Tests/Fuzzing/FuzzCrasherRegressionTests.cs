using System.Text;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Scenarios;

namespace Rtsp.Harness.Tests.Fuzzing;

/// <summary>
/// One test per crasher afl-fuzz found in the harness's readers, stating the typed error each must now raise. The
/// files also sit in FuzzCorpus/TARGET/crash-*, so <see cref="FuzzCorpusReplayTests"/> replays them.
/// </summary>
public class FuzzCrasherRegressionTests
{
    private static string Crasher(string target, string name) => Path.Combine(AppContext.BaseDirectory, "FuzzCorpus", target, name);

    /// <summary>scripts/fuzz.sh, 2026-11-25, 60 s on scenario-yaml: YamlDotNet 18.1.0's scanner threw
    /// InvalidOperationException (not a YamlException) on a damaged plain scalar, and it escaped the loader.</summary>
    [Test]
    public void Scenario_loader_reports_yamldotnet_scanner_failure_as_a_load_error()
    {
        var yaml = Encoding.UTF8.GetString(File.ReadAllBytes(Crasher("scenario-yaml", "crash-2026-11-25-yamldotnet-invalid-operation.yaml")));

        var load = () => new ScenarioLoader().Load(yaml, "crasher.yaml");

        load.Should().Throw<ScenarioLoadException>().Which.Problem.Should().StartWith("not valid YAML");
    }

    /// <summary>scripts/fuzz.sh, 2026-11-25, 60 s on pcap-reader: a frame timestamp beyond 64-bit nanoseconds threw
    /// OverflowException from the decimal-to-long conversion in CaptureFileSource.</summary>
    [Test]
    public void Capture_reader_reports_an_out_of_range_timestamp_as_a_format_error()
    {
        var read = () => CaptureReader.Read(Crasher("pcap-reader", "crash-2026-11-25-timestamp-overflow.pcap"));

        read.Should().Throw<CaptureFormatException>().WithMessage("*timestamp out of range*");
    }
}
