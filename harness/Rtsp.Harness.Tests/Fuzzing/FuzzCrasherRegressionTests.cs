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

    /// <summary>afl-fuzz, 2026-11-25, scenario-yaml: YamlDotNet 18.1.0 threw InvalidOperationException (scanner, a
    /// damaged plain scalar) and ArgumentException (node loader, an unexpected event) instead of a YamlException, and
    /// both escaped the loader.</summary>
    [TestCase("crash-2026-11-25-yamldotnet-invalid-operation.yaml")]
    [TestCase("crash-2026-11-25-yamldotnet-argument.yaml")]
    public void Scenario_loader_reports_yamldotnet_failures_as_a_load_error(string crasher)
    {
        var yaml = Encoding.UTF8.GetString(File.ReadAllBytes(Crasher("scenario-yaml", crasher)));

        var load = () => new ScenarioLoader().Load(yaml, "crasher.yaml");

        load.Should().Throw<ScenarioLoadException>().Which.Problem.Should().StartWith("not valid YAML");
    }

    /// <summary>afl-fuzz, 2026-11-25, pcap-reader: a frame timestamp beyond 64-bit nanoseconds threw
    /// OverflowException from the decimal-to-long conversion in CaptureFileSource.</summary>
    [Test]
    public void Capture_reader_reports_an_out_of_range_timestamp_as_a_format_error()
    {
        var read = () => CaptureReader.Read(Crasher("pcap-reader", "crash-2026-11-25-timestamp-overflow.pcap"));

        read.Should().Throw<CaptureFormatException>().WithMessage("*timestamp out of range*");
    }
}
