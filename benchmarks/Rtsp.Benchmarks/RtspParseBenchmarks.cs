using System.Text;
using BenchmarkDotNet.Attributes;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Benchmarks;

/// <summary>How fast a typical SETUP request (as ffmpeg sends it) goes from bytes to a typed request and header.</summary>
[Config(typeof(BenchmarkConfig))]
public class RtspParseBenchmarks
{
    private readonly byte[] _setup = Encoding.ASCII.GetBytes(
        "SETUP rtsp://127.0.0.1:8554/sample.mjpeg/track1 RTSP/1.0\r\n" +
        "Transport: RTP/AVP/UDP;unicast;client_port=51234-51235\r\n" +
        "CSeq: 3\r\n" +
        "User-Agent: Lavf59.27.100\r\n\r\n");

    [Benchmark]
    public RtspMessage? ParseSetupRequest()
    {
        var parser = new RtspMessageParser();
        parser.Feed(_setup);
        parser.TryReadMessage(out var message);
        return message;
    }

    [Benchmark]
    public TransportHeader ParseTransportHeader() =>
        TransportHeader.Parse("RTP/AVP/UDP;unicast;client_port=51234-51235;server_port=50000-50001;ssrc=1A2B3C4D;mode=\"PLAY\"");
}
