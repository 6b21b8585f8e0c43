using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Fuzz.Targets;
using Rtsp.Protocol.Jpeg;
using Rtsp.Protocol.Mjpeg;
using Rtsp.Protocol.Rtcp;
using Rtsp.Protocol.Rtp;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Fuzz;

/// <summary>
/// Writes the committed seed corpora (reference/Rtsp.Protocol.Tests/FuzzCorpus/TARGET/ and
/// harness/Rtsp.Harness.Tests/FuzzCorpus/TARGET/) from real material: the GStreamer and Perl-relay transcripts, the
/// RFC 2326 examples, the test JPEG frames packetized by the core's own packetizer, RTP/RTCP packets built with the
/// core, the scenario catalogue and captures of a session. Run again after the sources change (crash-* files stay):
/// <c>dotnet run --project fuzz/Rtsp.Fuzz -c Release -- --write-seeds .</c> from the repository root.
/// </summary>
internal static partial class SeedCorpusWriter
{
    // RFC 2326 §12 examples and the forms real peers send (live555 challenges, ffmpeg's multi-spec Transport).
    private static readonly Dictionary<string, string[]> HeaderExamples = new()
    {
        ["cseq"] = ["1", "312", "0", "2147483647", " 7 "],
        ["session"] = ["12345678", "47112344;timeout=60", "+0-KX88mrutk8z.g;timeout=60", "A1b2C3d4E5f6"],
        ["transport"] =
        [
            "RTP/AVP;multicast;ttl=127;mode=\"PLAY\",RTP/AVP;unicast;client_port=3456-3457;mode=\"PLAY\"",
            "RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257",
            "RTP/AVP/TCP;unicast;interleaved=0-1",
            "RTP/AVP/UDP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=1A2B3C4D;mode=play",
            "RTP/AVP;multicast;destination=224.2.0.1;port=3456-3457;ttl=16;layers=1",
            "RTP/AVP;unicast;destination=127.0.0.1;source=127.0.0.1;client_port=0-1;append",
        ],
        ["range"] = ["npt=0-", "npt=0-10", "npt=2.000855043-", "npt=now-", "smpte=10:07:00-10:07:33:05.01", "smpte-25=0:10:00-",
            "clock=19961108T142300Z-19961108T143520Z", "npt=1:02:03.5-1:05:00;time=19970123T143720Z", "npt=-20"],
        ["rtp-info"] =
        [
            "url=rtsp://foo.com/bar.avi/streamid=0;seq=45102,url=rtsp://foo.com/bar.avi/streamid=1;seq=30211",
            "url=rtsp://127.0.0.1:8554/test/stream=0;seq=1260;rtptime=575788493",
            "url=rtsp://127.0.0.1:8554/a,b;c/stream=0;seq=1;rtptime=2;ssrc=3",
        ],
        ["public"] = ["OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, PLAY, RECORD, SETUP, SET_PARAMETER, TEARDOWN", "DESCRIBE,SETUP,TEARDOWN,PLAY,PAUSE", ""],
        ["www-authenticate"] =
        [
            "Digest realm=\"LIVE555 Streaming Media\", nonce=\"a4f3bbd3c5e6f1d2e3b4a5c6d7e8f901\"",
            "Basic realm=\"IP Camera\"",
            "Digest realm=\"rtsp\", nonce=\"abc\", opaque=\"xyz\", algorithm=MD5, qop=\"auth\", stale=FALSE",
        ],
        ["authorization"] =
        [
            "Basic dXNlcjpwYXNzd29yZA==",
            "Digest username=\"user\", realm=\"LIVE555 Streaming Media\", nonce=\"a4f3bbd3c5e6f1d2e3b4a5c6d7e8f901\", uri=\"rtsp://127.0.0.1:8554/test\", response=\"6629fae49393a05397450978507c4ef1\"",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"rtsp://h/\", response=\"00\", opaque=\"o\"",
        ],
        ["control-url"] =
        [
            "rtsp://127.0.0.1:8554/test/\nstream=0", "rtsp://127.0.0.1:8554/test/\n*", "rtsp://127.0.0.1:8554/test\ntrackID=1",
            "rtsp://10.0.0.1/live.sdp?token=1\nrtsp://10.0.0.1/live.sdp/trackID=0", "rtsp://[::1]:554/a/b/c\n../d?x=1#y", "rtsp://h/\n",
        ],
    };

    private static readonly Dictionary<string, string> HeaderTargetsByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CSeq"] = "cseq", ["Session"] = "session", ["Transport"] = "transport", ["Range"] = "range", ["RTP-Info"] = "rtp-info",
        ["Public"] = "public", ["WWW-Authenticate"] = "www-authenticate", ["Authorization"] = "authorization",
    };

    public static int Write(string repositoryRoot)
    {
        var outRoot = Path.Combine(repositoryRoot, "reference", "Rtsp.Protocol.Tests", "FuzzCorpus");
        var harnessOutRoot = Path.Combine(repositoryRoot, "harness", "Rtsp.Harness.Tests", "FuzzCorpus");
        var testData = Path.Combine(repositoryRoot, "reference", "Rtsp.Protocol.Tests", "TestData");
        var transcripts = Directory.GetFiles(Path.Combine(testData, "rtsp"), "*.txt").Order(StringComparer.Ordinal).ToList();
        var written = new Dictionary<string, int>();
        void Add(string target, string name, byte[] bytes)
        {
            var folder = Path.Combine(target is "scenario-yaml" or "pcap-reader" ? harnessOutRoot : outRoot, target);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            written[target] = written.GetValueOrDefault(target) + 1;
        }

        // Whole conversations per direction, each split three ways: byte by byte, small chunks, large chunks.
        var headerValues = new Dictionary<string, SortedSet<string>>();
        var rtspMessages = new List<byte[]>();
        foreach (var file in transcripts)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var (client, server) = ReadTranscript(File.ReadAllText(file));
            foreach (var (direction, messages) in new[] { ("client", client), ("server", server) })
            {
                var stream = messages.SelectMany(m => m).ToArray();
                Add("rtsp-message", $"{stem}-{direction}-bytewise", ChunkedInput.Encode(0, 1, stream));
                Add("rtsp-message", $"{stem}-{direction}-chunks", ChunkedInput.Encode(31, 7, stream));
                rtspMessages.AddRange(messages);
            }
            foreach (var message in client.Concat(server))
            {
                foreach (Match header in HeaderLine().Matches(Encoding.UTF8.GetString(message)))
                {
                    if (HeaderTargetsByName.TryGetValue(header.Groups[1].Value, out var target))
                    {
                        (headerValues.TryGetValue(target, out var set) ? set : headerValues[target] = new(StringComparer.Ordinal)).Add(header.Groups[2].Value.Trim());
                    }
                }
            }
        }
        foreach (var (target, examples) in HeaderExamples)
        {
            var values = headerValues.TryGetValue(target, out var seen) ? seen.Take(8).Concat(examples) : examples;
            var i = 0;
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                Add(target, $"{target}-{++i:D2}", Encoding.UTF8.GetBytes(value));
            }
        }
        // Edge cases of the start line and limits the parser must reject with its typed error.
        Add("rtsp-message", "bare-lf-and-cr", ChunkedInput.Encode(255, 0, "OPTIONS * RTSP/1.0\nCSeq: 1\n\nOPTIONS * RTSP/1.0\rCSeq: 2\r\r"u8));
        Add("rtsp-message", "folded-and-body", ChunkedInput.Encode(2, 9, "ANNOUNCE rtsp://h/a RTSP/1.0\r\nCSeq: 3\r\nX-Long: a\r\n  b\r\nContent-Length: 5\r\n\r\nhello"u8));
        Add("rtsp-message", "rtsp-2-and-http", ChunkedInput.Encode(15, 3, "OPTIONS * RTSP/2.0\r\nCSeq: 1\r\n\r\nGET / HTTP/1.1\r\n\r\n"u8));
        Add("rtsp-message", "bad-content-length", ChunkedInput.Encode(15, 3, "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: -1\r\n\r\n"u8));

        foreach (var file in Directory.GetFiles(Path.Combine(testData, "sdp"), "*.sdp").Order(StringComparer.Ordinal))
        {
            Add("sdp", Path.GetFileName(file), File.ReadAllBytes(file));
        }
        // RFC 2326 Appendix C.1.1 style aggregate description with two media and per-media control.
        Add("sdp", "rfc2326-two-media.sdp", Encoding.UTF8.GetBytes(
            "v=0\r\no=- 2890844256 2890842807 IN IP4 172.16.2.93\r\ns=RTSP Session\r\ni=An Example\r\nu=http://www.example.com/\r\ne=a@example.com\r\n" +
            "p=+1 617 555 6011\r\nc=IN IP4 224.2.17.12/127\r\nb=AS:2000\r\nt=2873397496 2873404696\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\n" +
            "k=clear:abc\r\na=control:*\r\na=range:npt=0-34.4368\r\nm=audio 0 RTP/AVP 0\r\na=control:trackID=1\r\n" +
            "m=video 0 RTP/AVP 26\r\nb=TIAS:1000\r\na=rtpmap:26 JPEG/90000\r\na=framerate:29.97\r\na=fmtp:26 x=1\r\na=control:trackID=2\r\n"));

        // JPEG: the test frames, the frames of the test clip, and their RFC 2435 payloads.
        var jpegs = new List<(string Name, byte[] Bytes)>();
        foreach (var file in Directory.GetFiles(Path.Combine(testData, "jpeg"), "*.jpg").Order(StringComparer.Ordinal))
        {
            jpegs.Add((Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file)));
        }
        var clip = File.ReadAllBytes(Path.Combine(testData, "jpeg", "testsrc-320x240-420.mjpeg"));
        using (var index = MjpegFileIndex.FromBytes(clip))
        {
            for (var i = 0; i < index.FrameCount; i++)
            {
                jpegs.Add(($"clip-frame{i}", index.GetFrame(i).ToArray()));
            }
            Add("mjpeg-index", "clip-2-frames.mjpeg", clip[..(int)(index.Offsets[1] + index.Lengths[1])]);
            Add("mjpeg-index", "clip-truncated.mjpeg", clip[..(int)(index.Offsets[1] + index.Lengths[1] / 2)]);
        }
        Add("mjpeg-index", "clip-3-frames.mjpeg", clip);
        foreach (var (name, bytes) in jpegs)
        {
            Add("jpeg-frame-info", name + ".jpg", bytes);
        }
        Add("mjpeg-index", "frame-with-garbage-between.mjpeg", [.. jpegs[^1].Bytes, .. "junk"u8, .. jpegs[^2].Bytes]);

        var payloads = new List<byte[]>();
        var records = new List<byte>();
        var sequence = 0;
        foreach (var (name, bytes) in jpegs)
        {
            if (!JpegFrameInfo.TryParse(bytes, out var frame, out _))
            {
                continue;
            }
            foreach (var size in new[] { 1400, 400 })
            {
                var fragments = new JpegPacketizer(size).Packetize(frame!);
                var stream = new List<byte>();
                for (var i = 0; i < fragments.Count; i++)
                {
                    var control = (byte)((i == 0 ? JpegDepacketizerTarget.NextTimestamp : 0) | (i == fragments.Count - 1 ? JpegDepacketizerTarget.Marker : 0));
                    stream.AddRange(JpegDepacketizerTarget.Record(control, fragments[i]));
                }
                Add("jpeg-depacketizer", $"{name}-{size}", [.. stream]);
                payloads.AddRange(fragments);
            }
            // Loss, a duplicate and reordering in one sequence: the frame drops and the next one completes.
            var small = new JpegPacketizer(300).Packetize(frame!);
            if (small.Count >= 3 && sequence++ < 2)
            {
                records.AddRange(JpegDepacketizerTarget.Record(JpegDepacketizerTarget.NextTimestamp, small[0]));
                records.AddRange(JpegDepacketizerTarget.Record(JpegDepacketizerTarget.SkipSequence, small[2]));
                records.AddRange(JpegDepacketizerTarget.Record(JpegDepacketizerTarget.RepeatSequence, small[2]));
                records.AddRange(JpegDepacketizerTarget.Record(JpegDepacketizerTarget.StepBack, small[1]));
                records.AddRange(JpegDepacketizerTarget.Record(JpegDepacketizerTarget.Marker, small[^1]));
            }
        }
        Add("jpeg-depacketizer", "loss-duplicate-reorder", [.. records]);

        // RTP: JPEG payloads in packets with every optional header part.
        var rtp = new List<byte[]>();
        for (var i = 0; i < 6 && i < payloads.Count; i++)
        {
            var packet = new RtpPacket
            {
                PayloadType = 26, SequenceNumber = (ushort)(65534 + i), Timestamp = 90_000u * (uint)i, Ssrc = 0x1A2B3C4D, Marker = i % 2 == 1,
                Payload = payloads[i].AsMemory(0, Math.Min(payloads[i].Length, 200 + 150 * i)),
            };
            if (i >= 2) { packet.Csrcs = [1, 2, 3]; }
            if (i >= 3) { packet.Extension = true; packet.ExtensionProfile = 0xBEDE; packet.ExtensionData = [1, 2, 3, 4, 5, 6, 7, 8]; }
            if (i >= 4) { packet.PaddingLength = 4; }
            rtp.Add(packet.ToArray());
            Add("rtp", $"jpeg-{i}", rtp[^1]);
        }
        Add("rtp", "header-only", new RtpPacket { PayloadType = 96, SequenceNumber = 1, Timestamp = 2, Ssrc = 3 }.ToArray());

        // RTCP: what a sender and a receiver send (RFC 3550 §6.1 compound packets), plus BYE with reason and APP.
        var block = new RtcpReportBlock { Ssrc = 0x1A2B3C4D, FractionLost = 12, CumulativeLost = -3, ExtendedHighestSequence = 70_000, Jitter = 42, LastSenderReport = 0x12345678, DelaySinceLastSenderReport = 65536 };
        var sr = new RtcpSenderReport { Ssrc = 0x1A2B3C4D, NtpTimestamp = NtpTimestamp.FromDateTime(new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc)), RtpTimestamp = 90_000, PacketCount = 100, OctetCount = 140_000 };
        var rr = new RtcpReceiverReport { Ssrc = 0x11111111, ReportBlocks = [block, block with { Ssrc = 7 }] };
        var sdes = RtcpSourceDescription.ForCname(0x1A2B3C4D, "user1625675674@host-bb5716a7");
        var bye = new RtcpGoodbye { Sources = [0x1A2B3C4D, 5], Reason = "session ended" };
        var app = new RtcpUnknownPacket(204) { Body = "nameDATA"u8.ToArray() };
        app.SetCount(3);
        var rtcp = new (string Name, RtcpPacket[] Packets)[]
        {
            ("sr-sdes", [sr, sdes]), ("sr-blocks-sdes", [new RtcpSenderReport { Ssrc = 9, ReportBlocks = [block] }, sdes]), ("rr-sdes-bye", [rr, sdes, bye]),
            ("rr-empty", [new RtcpReceiverReport { Ssrc = 1 }]), ("rr-app", [rr, app]), ("bye-only", [bye]),
        };
        foreach (var (name, packets) in rtcp)
        {
            Add("rtcp", name, RtcpCompoundPacket.Serialize(packets));
        }

        // Interleaved: RTSP answers and $-framed RTP/RTCP mixed, as on a TCP session after PLAY.
        var interleaved = new List<byte>();
        interleaved.AddRange(rtspMessages.First(m => m.AsSpan().StartsWith("RTSP/1.0 200"u8)));
        foreach (var packet in rtp.Take(3))
        {
            interleaved.AddRange(InterleavedFrame.Encode(0, packet));
        }
        interleaved.AddRange(InterleavedFrame.Encode(1, RtcpCompoundPacket.Serialize([sr, sdes])));
        interleaved.AddRange(rtspMessages.Last(m => m.AsSpan().StartsWith("RTSP/1.0 200"u8)));
        interleaved.AddRange(InterleavedFrame.Encode(255, []));
        Add("interleaved-demux", "play-session-chunks", ChunkedInput.Encode(63, 5, [.. interleaved]));
        Add("interleaved-demux", "play-session-bytewise", ChunkedInput.Encode(0, 1, [.. interleaved]));
        Add("interleaved-demux", "play-session-whole", ChunkedInput.Encode(255, 2, [.. interleaved]));
        Add("interleaved-demux", "frame-then-garbage", ChunkedInput.Encode(7, 9, [.. InterleavedFrame.Encode(2, rtp[0]), .. "\0\0garbage\r\n\r\n"u8]));

        // Captures of the sessions above, as the harness's analyze command reads them.
        foreach (var (name, bytes) in CaptureSeeds.All(rtp, RtcpCompoundPacket.Serialize([sr, sdes])))
        {
            Add("pcap-reader", name, bytes);
        }

        // Every third scenario of the catalogue (they share most keys), plus YAML the loader must refuse cleanly.
        var scenarios = Directory.GetFiles(Path.Combine(repositoryRoot, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < scenarios.Count; i += 3)
        {
            Add("scenario-yaml", Path.GetFileName(scenarios[i]), File.ReadAllBytes(scenarios[i]));
        }
        Add("scenario-yaml", "aliases.yaml", "name: &n x\nsteps: &s [*n, *n, *n]\nmore: [*s, *s, *s, *s]\n"u8.ToArray());
        Add("scenario-yaml", "two-documents.yaml", "name: a\n---\nname: b\n"u8.ToArray());
        Add("scenario-yaml", "tabs-and-flow.yaml", "{name: x, steps: [{request: {method: OPTIONS}}]}\n\tbad: 1\n"u8.ToArray());

        foreach (var (target, count) in written.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{target,-20} {count} files");
        }
        return 0;
    }

    /// <summary>Reads a transcript ("----- X C->S -----" / "----- S->C -----" sections, "##" notes) into the wire
    /// messages of each direction, with CRLF line ends and Content-Length matching the body as written.</summary>
    private static (List<byte[]> Client, List<byte[]> Server) ReadTranscript(string text)
    {
        var client = new List<byte[]>();
        var server = new List<byte[]>();
        List<byte[]>? current = null;
        var lines = new List<string>();
        void Flush()
        {
            if (current is null) { return; }
            while (lines.Count > 0 && lines[^1].Length == 0) { lines.RemoveAt(lines.Count - 1); }
            var blank = lines.IndexOf("");
            var head = blank < 0 ? lines : lines[..blank];
            var body = blank < 0 ? "" : string.Join("\r\n", lines[(blank + 1)..]) + "\r\n";
            if (lines.Count > 0)
            {
                var headers = head.Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).ToList();
                if (body.Length > 0) { headers.Add($"Content-Length: {Encoding.UTF8.GetByteCount(body)}"); }
                current.Add(Encoding.UTF8.GetBytes(string.Join("\r\n", headers) + "\r\n\r\n" + body));
            }
            lines.Clear();
        }
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("-----", StringComparison.Ordinal))
            {
                Flush();
                current = line.Contains("C->S", StringComparison.Ordinal) ? client : server;
            }
            else if (current is not null && !line.StartsWith("##", StringComparison.Ordinal) && !(lines.Count == 0 && line.Length == 0))
            {
                lines.Add(line);
            }
        }
        Flush();
        return (client, server);
    }

    [GeneratedRegex(@"^([A-Za-z-]+):(.*)$", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();
}
