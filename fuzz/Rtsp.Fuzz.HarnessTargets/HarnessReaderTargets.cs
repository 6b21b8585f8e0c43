using System.Text;
using Rtsp.Fuzz.Targets;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Scenarios;
using Rtsp.Protocol;

namespace Rtsp.Fuzz.HarnessTargets;

/// <summary>The fuzz targets for the harness's input readers (scenario files and captures), by name.</summary>
public static class HarnessReaderTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("scenario-yaml", "scenario YAML loader (ScenarioLoader.Load)", ScenarioYaml),
        new("pcap-reader", "pcap/pcapng capture reader (CaptureReader.Read, through libpcap)", PcapReader),
    ];

    /// <summary>A scenario file someone wrote: anything wrong is a <see cref="ScenarioLoadException"/> naming the line.</summary>
    public static void ScenarioYaml(byte[] input)
    {
        try
        {
            _ = new ScenarioLoader().Load(Encoding.UTF8.GetString(input), "fuzz.yaml");
        }
        catch (ScenarioLoadException)
        {
            // The loader's documented typed error.
        }
    }

    /// <summary>A capture file from anywhere: anything unreadable is a <see cref="CaptureFormatException"/>
    /// (a <see cref="ProtocolFormatException"/>). libpcap reads files only, so each input goes through a temp file.</summary>
    public static void PcapReader(byte[] input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rtsp-fuzz-{Environment.ProcessId}.pcap");
        File.WriteAllBytes(path, input);
        try
        {
            var contents = CaptureReader.Read(path);
            _ = contents.Packets.Count;
            _ = contents.Events.Count;
        }
        catch (ProtocolFormatException)
        {
            // Not a capture libpcap can read, or damaged: the typed error.
        }
        finally
        {
            File.Delete(path);
        }
    }
}
