using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Client.Tests.TestSupport;

/// <summary>Small RFC 2435-compatible JPEG frames built in memory (standard headers and a scan of arbitrary bytes
/// without 0xFF, which the depacketizer carries without decoding), and RTP packets carrying them.</summary>
public static class TestJpeg
{
    public static byte[] Frame(int seed, int scanBytes = 3000)
    {
        var header = JpegHeaderBuilder.Build(1, 64, 48, JpegQuantizationTables.FromQ(50), 0);
        var random = new Random(seed);
        var scan = new byte[scanBytes];
        for (var i = 0; i < scan.Length; i++)
        {
            scan[i] = (byte)random.Next(0, 0xFF);
        }

        return [.. header, .. scan, 0xFF, 0xD9];
    }

    /// <summary>RTP packets of one frame, sequence numbers from <paramref name="firstSequence"/>, marker on the last.</summary>
    public static List<RtpPacket> Packets(byte[] jpeg, ushort firstSequence, uint timestamp, int maxPayload = 500)
    {
        var payloads = new JpegPacketizer(maxPayload).Packetize(JpegFrameInfo.Parse(jpeg));
        return payloads.Select((payload, i) => new RtpPacket
        {
            PayloadType = 26,
            SequenceNumber = (ushort)(firstSequence + i),
            Timestamp = timestamp,
            Ssrc = 0x1234,
            Marker = i == payloads.Count - 1,
            Payload = payload,
        }).ToList();
    }

    public static RtpPacket Packet(ushort sequence) => new() { PayloadType = 26, SequenceNumber = sequence, Timestamp = 0, Ssrc = 1 };
}
