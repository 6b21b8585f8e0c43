using System.Globalization;
using OpenCvSharp;
using Rtsp.Harness.Analysis;
using Rtsp.Harness.Packets;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Rtp;

namespace Rtsp.Harness.Tests.Analysis;

/// <summary>
/// A clean RTSP session built in memory the way a correct server sends it: SETUP, PLAY with RTP-Info, RFC 2435
/// frames (real JPEGs from OpenCV, packetized by Rtsp.Protocol) paced at the frame rate, Sender Reports every 5 s
/// with true counts, TEARDOWN and BYE. Tests break one rule by editing <see cref="Rtp"/> (or the knobs) before
/// <see cref="ToInput"/>.
/// </summary>
public sealed class SyntheticSession
{
    public const long Start = 1_764_000_000_000_000_000;
    public const string ServerAddress = "127.0.0.1";
    public const string ClientAddress = "127.0.0.1";
    public const int ServerRtpPort = 6970;
    public const int ClientRtpPort = 50000;
    public const int RtspPort = 8554;
    public const int ClientTcpPort = 40000;
    public const long FrameNs = 40_000_000;

    private static readonly Lazy<JpegFrameInfo[]> Images = new(() => MakeImages(0));

    public SyntheticSession(bool overTcp, int frames = 150, int maxPayload = 1400, int restartInterval = 0)
    {
        var images = restartInterval == 0 ? Images.Value : MakeImages(restartInterval);
        OverTcp = overTcp;
        var packetizer = new JpegPacketizer(maxPayload);
        ushort seq = FirstSequence;
        PlayResponseNs = Start + 11_000_000;
        var jitter = new Random(7);
        for (int f = 0; f < frames; f++)
        {
            long frameTime = PlayResponseNs + 1_000_000 + f * FrameNs + (long)(jitter.NextDouble() * 300_000);
            var payloads = packetizer.Packetize(images[f % images.Length]);
            for (int p = 0; p < payloads.Count; p++)
            {
                Rtp.Add(new SentRtp(new RtpPacket
                {
                    PayloadType = 26,
                    SequenceNumber = seq++,
                    Timestamp = FirstTimestamp + (uint)(f * 3600),
                    Ssrc = Ssrc,
                    Marker = p == payloads.Count - 1,
                    Payload = payloads[p],
                }, frameTime + p * 50_000, f));
            }
        }

        TeardownNs = Rtp[^1].TimeNs + 20_000_000;
    }

    public const ushort FirstSequence = 64000; // wraps within a few hundred frames
    public const uint FirstTimestamp = 123_456;
    public const uint Ssrc = 0x11223344;

    public bool OverTcp { get; }

    public List<SentRtp> Rtp { get; } = [];

    public long PlayResponseNs { get; }

    public long? TeardownNs { get; set; }

    public string Sdp { get; set; } =
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=clip\r\nt=0 0\r\na=control:*\r\nm=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\na=framerate:25\r\na=control:track1\r\n";

    public uint? AnnouncedSsrc { get; set; } = Ssrc;

    public string RtpInfo { get; set; } = $"url=rtsp://127.0.0.1:8554/clip/track1;seq={FirstSequence};rtptime={FirstTimestamp}";

    public bool SendRtcp { get; set; } = true;

    public bool SendCname { get; set; } = true;

    public bool SendBye { get; set; } = true;

    /// <summary>When the BYE goes out; null: just after the TEARDOWN (a server that says BYE at the end of its media sets it earlier).</summary>
    public long? ByeNs { get; set; }

    /// <summary>Edits each Sender Report before it is serialised (the sr-inconsistent faults).</summary>
    public Action<RtcpSenderReport>? EditSenderReport { get; set; }

    /// <summary>Edits a packet's serialised bytes (header faults a well-formed RtpPacket cannot express); null keeps them.</summary>
    public Func<SentRtp, byte[], byte[]?>? EditWire { get; set; }

    /// <summary>Extra events (PAUSE, PLAY...) with their time.</summary>
    public List<ScenarioEvent> ExtraEvents { get; } = [];

    public static ScenarioEvent Event(string method, long requestNs, params (string Name, string Value)[] headers) =>
        new(method, requestNs, requestNs + 1_000_000, 200,
            [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).Append(new("Session", "abc123;timeout=60"))])
        {
            RequestUri = "rtsp://127.0.0.1:8554/clip/track1",
            RequestHeaders = [new("Session", "abc123")],
        };

    public AnalysisInput ToInput()
    {
        var units = new List<(long TimeNs, PacketKind Kind, byte[] Data)>();
        foreach (var sent in Rtp)
        {
            var wire = sent.Packet.ToArray();
            units.Add((sent.TimeNs, PacketKind.Rtp, EditWire?.Invoke(sent, wire) ?? wire));
        }

        if (SendRtcp)
        {
            units.AddRange(SenderReports().Select(r => (r.TimeNs, PacketKind.Rtcp, r.Data)));
        }

        var ordered = units.OrderBy(u => u.TimeNs).ToList();
        var packets = new List<StreamPacket>();
        for (int i = 0; i < ordered.Count; i++)
        {
            var (time, kind, data) = ordered[i];
            int rtcp = kind == PacketKind.Rtcp ? 1 : 0;
            packets.Add(OverTcp
                ? new StreamPacket(i + 1, time, kind, PacketDirection.FromServer, true, ServerAddress, RtspPort, ClientAddress, ClientTcpPort, rtcp, data)
                : new StreamPacket(i + 1, time, kind, PacketDirection.FromServer, false, ServerAddress, ServerRtpPort + rtcp, ClientAddress, ClientRtpPort + rtcp, null, data));
        }

        string transport = (OverTcp ? "RTP/AVP/TCP;unicast;interleaved=0-1" : $"RTP/AVP;unicast;client_port={ClientRtpPort}-{ClientRtpPort + 1};server_port={ServerRtpPort}-{ServerRtpPort + 1}")
            + (AnnouncedSsrc is { } ssrc ? $";ssrc={ssrc:X8}" : "");
        var events = new List<ScenarioEvent>
        {
            Event("SETUP", Start, ("Transport", transport)) with { RequestHeaders = [new("Transport", transport)] },
            Event("PLAY", PlayResponseNs - 1_000_000, ("RTP-Info", RtpInfo), ("Range", "npt=0-")),
        };
        events.AddRange(ExtraEvents);
        if (TeardownNs is { } teardown)
        {
            events.Add(Event("TEARDOWN", teardown));
        }

        return new AnalysisInput(packets, Sdp, [.. events.OrderBy(e => e.RequestTimestampNs)], TimestampsFromCapture: true);
    }

    private IEnumerable<(long TimeNs, byte[] Data)> SenderReports()
    {
        var media = Rtp.OrderBy(r => r.TimeNs).ToList();
        if (media.Count == 0)
        {
            yield break;
        }

        for (long t = media[0].TimeNs + 1_000_000_000 + 20_000; t < media[^1].TimeNs; t += 5_000_000_000)
        {
            var last = media.Last(r => r.TimeNs < t);
            var sent = media.Where(r => r.TimeNs < t && r.Packet.Ssrc == last.Packet.Ssrc).ToList();
            var report = new RtcpSenderReport
            {
                Ssrc = last.Packet.Ssrc,
                NtpTimestamp = NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddTicks(t / 100)),
                RtpTimestamp = last.Packet.Timestamp + (uint)((t - FrameStart(last)) * 90 / 1_000_000),
                PacketCount = (uint)sent.Count,
                OctetCount = (uint)sent.Sum(r => r.Packet.Payload.Length),
            };
            EditSenderReport?.Invoke(report);
            RtcpPacket[] parts = SendCname ? [report, RtcpSourceDescription.ForCname(report.Ssrc, "server@127.0.0.1")] : [report];
            yield return (t, RtcpCompoundPacket.Serialize(parts));
        }

        if (SendBye && TeardownNs is { } teardown)
        {
            var sent = media.Where(r => r.TimeNs < teardown && r.Packet.Ssrc == Ssrc).ToList();
            yield return (ByeNs ?? teardown + 1_500_000, RtcpCompoundPacket.Serialize([
                new RtcpSenderReport { Ssrc = Ssrc, NtpTimestamp = NtpTimestamp.FromDateTime(DateTime.UnixEpoch.AddTicks(teardown / 100)), RtpTimestamp = media[^1].Packet.Timestamp, PacketCount = (uint)sent.Count, OctetCount = (uint)sent.Sum(r => r.Packet.Payload.Length) },
                RtcpSourceDescription.ForCname(Ssrc, "server@127.0.0.1"),
                new RtcpGoodbye { Sources = [Ssrc] }]));
        }
    }

    private long FrameStart(SentRtp packet) => Rtp.Where(r => r.Frame == packet.Frame).Min(r => r.TimeNs);

    private static JpegFrameInfo[] MakeImages(int restartInterval)
    {
        var frames = new JpegFrameInfo[3];
        for (int i = 0; i < frames.Length; i++)
        {
            using var image = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(40 + 60 * i));
            Cv2.Rectangle(image, new Rect(10 + 20 * i, 10, 60, 50), new Scalar(0, 0, 255), -1);
            Cv2.PutText(image, i.ToString(CultureInfo.InvariantCulture), new Point(100, 90), HersheyFonts.HersheySimplex, 1.5, Scalar.White, 2);
            // Noise makes frames big enough for several fragments.
            using var noise = new Mat(120, 160, MatType.CV_8UC3);
            Cv2.Randu(noise, Scalar.All(0), Scalar.All(60));
            Cv2.Add(image, noise, image);
            Cv2.ImEncode(".jpg", image, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90), new ImageEncodingParam(ImwriteFlags.JpegRstInterval, restartInterval));
            frames[i] = JpegFrameInfo.Parse(jpeg);
        }

        return frames;
    }
}

/// <summary>An RTP packet the synthetic server sends, when, and which frame it belongs to.</summary>
public sealed record SentRtp(RtpPacket Packet, long TimeNs, int Frame)
{
    public long TimeNs { get; set; } = TimeNs;
}
