using BenchmarkDotNet.Attributes;
using Rtsp.Protocol.Jpeg;

namespace Rtsp.Benchmarks;

/// <summary>
/// RFC 2435 packetizing of a real 640x480 frame (the kind the reference server sends 25 times a second per session),
/// and depacketizing it back: frames per second one core can do.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class JpegPacketizeBenchmarks
{
    private JpegFrameInfo _frame = null!;
    private IReadOnlyList<byte[]> _payloads = null!;
    private readonly JpegPacketizer _packetizer = new(1400);

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "BenchmarkData", "frame-640x480.jpg");
        _frame = JpegFrameInfo.Parse(File.ReadAllBytes(path));
        _payloads = _packetizer.Packetize(_frame);
    }

    [Benchmark]
    public int Packetize() => _packetizer.Packetize(_frame).Count;

    [Benchmark]
    public int PacketizeAndDepacketize()
    {
        var depacketizer = new JpegDepacketizer();
        JpegFrameResult? result = null;
        for (var i = 0; i < _payloads.Count; i++)
        {
            result = depacketizer.Push((ushort)i, 1234, i == _payloads.Count - 1, _payloads[i]);
        }
        return result?.Jpeg.Length ?? 0;
    }
}
