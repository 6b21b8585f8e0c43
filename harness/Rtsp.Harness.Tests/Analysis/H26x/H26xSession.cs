using Rtsp.Protocol.H26x;
using Rtsp.Protocol.Rtp;
using Rtsp.Protocol.Tests.H26x;

namespace Rtsp.Harness.Tests.Analysis.H26x;

/// <summary>
/// A clean H.264 or H.265 session in memory: the checked-in libx264/libx265 clip (10 pictures, GOP 5) played
/// <see cref="Repeats"/> times at 25 fps as RFC 6184 / RFC 7798 packets (parameter sets aggregated, large slices in
/// fragmentation units, marker on each access unit's last packet), announced with a=rtpmap and sprop-* in a=fmtp.
/// Everything else (SETUP, PLAY, RTCP, TEARDOWN) is <see cref="SyntheticSession"/>'s. Tests break one rule in
/// <see cref="SyntheticSession.Rtp"/> or the SDP before <see cref="SyntheticSession.ToInput"/>.
/// </summary>
internal static class H26xSession
{
    public const int Repeats = 3;
    public const int PacketGapNs = 50_000;

    /// <param name="clip">Another checked-in clip (<see cref="H26xClips.FromCra"/>), played <paramref name="repeats"/> times.</param>
    public static SyntheticSession Build(H26xCodec codec, bool overTcp = false, int maxPayload = 1000, string? clip = null, int repeats = Repeats)
    {
        var session = new SyntheticSession(overTcp, frames: 1);
        session.Rtp.Clear();
        var units = H26xClips.AccessUnits(codec, clip);
        ushort seq = SyntheticSession.FirstSequence;
        int frame = 0;
        for (int r = 0; r < repeats; r++)
        {
            foreach (var unit in units)
            {
                long time = session.PlayResponseNs + 1_000_000 + frame * SyntheticSession.FrameNs;
                var payloads = H26xTestPacketizer.Packetize(codec, unit, maxPayload);
                for (int p = 0; p < payloads.Count; p++)
                {
                    session.Rtp.Add(new SentRtp(new RtpPacket
                    {
                        PayloadType = 96,
                        SequenceNumber = seq++,
                        Timestamp = SyntheticSession.FirstTimestamp + (uint)(frame * 3600),
                        Ssrc = SyntheticSession.Ssrc,
                        Marker = p == payloads.Count - 1,
                        Payload = payloads[p],
                    }, time + p * PacketGapNs, frame));
                }

                frame++;
            }
        }

        session.TeardownNs = session.Rtp[^1].TimeNs + 20_000_000;
        session.Sdp = Sdp(codec, Fmtp(codec, ParameterSets(codec, clip)));
        return session;
    }

    public static string Sdp(H26xCodec codec, string fmtp) =>
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=clip\r\nt=0 0\r\na=control:*\r\nm=video 0 RTP/AVP 96\r\n"
        + $"a=rtpmap:96 {(codec == H26xCodec.H264 ? "H264" : "H265")}/90000\r\na=fmtp:96 {fmtp}\r\na=framerate:25\r\na=control:track1\r\n";

    /// <summary>The clip's parameter sets in sprop order (H.264 SPS, PPS; H.265 VPS, SPS, PPS).</summary>
    public static List<byte[]> ParameterSets(H26xCodec codec, string? clip = null) =>
        [.. H26xClips.AccessUnits(codec, clip)[0].Where(n => ParameterSetKey.TryRead(codec, n, out _))];

    public static string Fmtp(H26xCodec codec, IReadOnlyList<byte[]> sets)
    {
        if (codec == H26xCodec.H264)
        {
            return $"packetization-mode=1;profile-level-id={Convert.ToHexString(sets[0], 1, 3).ToLowerInvariant()};sprop-parameter-sets={string.Join(',', sets.Select(Convert.ToBase64String))}";
        }

        return $"sprop-vps={Convert.ToBase64String(sets[0])};sprop-sps={Convert.ToBase64String(sets[1])};sprop-pps={Convert.ToBase64String(sets[2])}";
    }

    /// <summary>The packets of one access unit (frame index).</summary>
    public static List<SentRtp> Unit(SyntheticSession s, int frame) => s.Rtp.Where(p => p.Frame == frame).ToList();

    /// <summary>A frame whose picture went out in fragmentation units (at least three packets).</summary>
    public static int FragmentedFrame(SyntheticSession s, H26xCodec codec, int after = 2) =>
        s.Rtp.GroupBy(p => p.Frame).First(g => g.Key > after && g.Count(p => IsFragment(codec, p)) >= 3).Key;

    public static bool IsFragment(H26xCodec codec, SentRtp p) =>
        NalUnitHeader.Parse(codec, p.Packet.Payload.Span).Type == NalUnitTypes.Fragmentation(codec);

    /// <summary>Replaces a packet's payload (header bits the fault needs to change).</summary>
    public static void EditPayload(SentRtp packet, Action<byte[]> edit)
    {
        var bytes = packet.Packet.Payload.ToArray();
        edit(bytes);
        packet.Packet.Payload = bytes;
    }
}
