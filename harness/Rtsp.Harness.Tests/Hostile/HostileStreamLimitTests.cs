using System.Net;
using System.Text;
using FluentAssertions;
using Rtsp.Harness.Packets;
using Rtsp.Harness.Runner;

namespace Rtsp.Harness.Tests.Hostile;

/// <summary>The limits that keep a hostile server from growing the harness's buffers, on bytes in memory.</summary>
public sealed class HostileStreamLimitTests
{
    private static readonly IPEndPoint Server = new(IPAddress.Loopback, 554);
    private static readonly IPEndPoint Harness = new(IPAddress.Loopback, 40000);

    [TestCase("2147483648", "Content-Length 2147483648 exceeds the 1 MiB limit")]
    [TestCase("1048577", "Content-Length 1048577 exceeds the 1 MiB limit")]
    [TestCase("99999999999999999999999", "Content-Length '99999999999999999999999' is not a number")]
    [TestCase("-5", "Content-Length '-5' is not a number")]
    public void A_body_over_the_limit_breaks_the_stream_at_its_headers_without_buffering(string length, string fault)
    {
        var splitter = new RtspStreamSplitter();
        splitter.Feed(Encoding.ASCII.GetBytes($"RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: {length}\r\n\r\nxxxx"));

        splitter.Next().Should().BeNull();
        splitter.Fault.Should().Be(fault);
    }

    [Test]
    public void A_body_at_the_limit_is_still_a_message()
    {
        var splitter = new RtspStreamSplitter();
        splitter.Feed(Encoding.ASCII.GetBytes($"RTSP/1.0 200 OK\r\nContent-Length: {RtspStreamSplitter.MaxBodyBytes}\r\n\r\n"));
        splitter.Feed(new byte[RtspStreamSplitter.MaxBodyBytes]);

        splitter.Next()!.Message!.Length.Should().BeGreaterThan(RtspStreamSplitter.MaxBodyBytes);
        splitter.Fault.Should().BeNull();
    }

    [Test]
    public void Endless_header_lines_break_the_stream_past_64_KiB()
    {
        var splitter = new RtspStreamSplitter();
        splitter.Feed("RTSP/1.0 200 OK\r\n"u8);
        for (var i = 0; i < 2000 && splitter.Fault is null; i++)
        {
            splitter.Feed(Encoding.ASCII.GetBytes($"X-Endless-{i}: {new string('x', 60)}\r\n"));
            splitter.Next().Should().BeNull();
        }

        splitter.Fault.Should().Be("the message's headers exceed 64 KiB with no blank line ending them");
        splitter.Buffered.Should().BeLessThan(RtspStreamSplitter.MaxHeaderBytes + 1024);
    }

    [TestCase(new byte[] { 0x24, 0x00, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, "10 of the 65535 bytes of an interleaved frame on channel 0")]
    [TestCase(new byte[] { 0x24, 0x01 }, "2 of the 4 header bytes of an interleaved frame")]
    public void A_stream_cut_inside_a_frame_says_how_much_of_it_arrived(byte[] bytes, string description)
    {
        var splitter = new RtspStreamSplitter();
        splitter.Feed(bytes);

        splitter.Next().Should().BeNull();
        splitter.DescribeIncomplete().Should().Be(description);
    }

    [Test]
    public void A_stream_cut_inside_a_response_quotes_its_start()
    {
        var splitter = new RtspStreamSplitter();
        splitter.Feed("\r\nRTSP/1.0 2"u8);

        splitter.Next().Should().BeNull();
        splitter.DescribeIncomplete().Should().Be("10 bytes of an incomplete message (\"RTSP/1.0 2\")");
    }

    [Test]
    public void The_recorder_counts_but_does_not_keep_packets_past_its_limit()
    {
        var recorder = new PacketRecorder(maxBytes: 10_000);
        for (var i = 0; i < 100; i++)
        {
            recorder.Record(PacketKind.Rtp, PacketDirection.FromServer, false, Server, Harness, null, new byte[1000], i);
        }

        recorder.Snapshot().Should().HaveCount(10);
        recorder.NotKept.Should().Be(90);
        recorder.Shortfall().Should().Be("the harness kept the first 10 packets (0 MiB, its limit) and counted 90 more (0.1 MiB) it did not keep");
    }

    [Test]
    public void A_recorder_under_its_limit_has_no_shortfall()
    {
        var recorder = new PacketRecorder();
        recorder.Record(PacketKind.Rtp, PacketDirection.FromServer, false, Server, Harness, null, new byte[1400], 0);

        recorder.Shortfall().Should().BeNull();
        recorder.Snapshot().Should().ContainSingle();
    }
}
