using BenchmarkDotNet.Attributes;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Benchmarks;

/// <summary>RTP header parse and serialize for a full-size (1400-byte payload) packet.</summary>
[Config(typeof(BenchmarkConfig))]
public class RtpBenchmarks
{
    private readonly byte[] _wire;
    private readonly RtpPacket _packet;
    private readonly byte[] _output = new byte[1500];

    public RtpBenchmarks()
    {
        var packet = RtpPacket.Parse(BuildPacket());
        _packet = packet;
        _wire = packet.ToArray();
    }

    private static byte[] BuildPacket()
    {
        var bytes = new byte[12 + 1400];
        bytes[0] = 0x80;            // V=2
        bytes[1] = 0x80 | 26;       // marker, PT 26 (JPEG)
        bytes[2] = 0x12; bytes[3] = 0x34;
        bytes[7] = 0x01;
        bytes[11] = 0x42;
        return bytes;
    }

    [Benchmark]
    public RtpPacket Parse() => RtpPacket.Parse(_wire);

    [Benchmark]
    public int Serialize() => _packet.WriteTo(_output);
}
