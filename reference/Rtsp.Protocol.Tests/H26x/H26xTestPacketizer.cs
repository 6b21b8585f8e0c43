using System.Buffers.Binary;
using Rtsp.Protocol.H26x;

namespace Rtsp.Protocol.Tests.H26x;

/// <summary>
/// Builds RFC 6184 / RFC 7798 payloads for tests (the product's packetizer belongs to the server): single NAL unit
/// packets, aggregation packets of the small NAL units, and fragmentation units of the large ones.
/// </summary>
internal static class H26xTestPacketizer
{
    /// <summary>The payloads of one access unit, in order: NAL units under <paramref name="aggregateBelow"/> bytes
    /// are aggregated with their small neighbours, those over <paramref name="maxPayload"/> fragmented.</summary>
    public static List<byte[]> Packetize(H26xCodec codec, IReadOnlyList<byte[]> nals, int maxPayload = 400, int aggregateBelow = 64)
    {
        var payloads = new List<byte[]>();
        var small = new List<byte[]>();
        foreach (var nal in nals)
        {
            if (nal.Length < aggregateBelow)
            {
                small.Add(nal);
                continue;
            }

            Flush(codec, small, payloads);
            payloads.AddRange(nal.Length > maxPayload ? Fragment(codec, nal, maxPayload) : [nal]);
        }

        Flush(codec, small, payloads);
        return payloads;
    }

    /// <summary>An aggregation packet (STAP-A / AP) of <paramref name="nals"/>, with the payload header RFC 6184
    /// §5.7 / RFC 7798 §4.4.2 ask for (F or-ed, highest NRI / lowest LayerId and TID).</summary>
    public static byte[] Aggregate(H26xCodec codec, IReadOnlyList<byte[]> nals)
    {
        int headerLength = NalUnitHeader.LengthOf(codec);
        var payload = new byte[headerLength + nals.Sum(n => 2 + n.Length)];
        if (codec == H26xCodec.H264)
        {
            payload[0] = (byte)(nals.Max(n => n[0] & 0x60) | NalUnitTypes.H264StapA);
        }
        else
        {
            payload[0] = NalUnitTypes.H265Aggregation << 1;
            payload[1] = nals.Min(n => n[1]);
        }

        int at = headerLength;
        foreach (var nal in nals)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(at), (ushort)nal.Length);
            nal.CopyTo(payload, at + 2);
            at += 2 + nal.Length;
        }

        return payload;
    }

    /// <summary>FU-A / FU payloads of one NAL unit, each at most <paramref name="maxPayload"/> bytes.</summary>
    public static List<byte[]> Fragment(H26xCodec codec, byte[] nal, int maxPayload)
    {
        int headerLength = NalUnitHeader.LengthOf(codec);
        int type = NalUnitHeader.Parse(codec, nal).Type;
        int chunk = maxPayload - headerLength - 1;
        var payloads = new List<byte[]>();
        for (int offset = headerLength; offset < nal.Length; offset += chunk)
        {
            int length = Math.Min(chunk, nal.Length - offset);
            var payload = new byte[headerLength + 1 + length];
            if (codec == H26xCodec.H264)
            {
                payload[0] = (byte)((nal[0] & 0xE0) | NalUnitTypes.H264FuA);
            }
            else
            {
                payload[0] = (byte)((nal[0] & 0x81) | (NalUnitTypes.H265Fragmentation << 1));
                payload[1] = nal[1];
            }

            bool start = offset == headerLength;
            bool end = offset + length == nal.Length;
            payload[headerLength] = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
            nal.AsSpan(offset, length).CopyTo(payload.AsSpan(headerLength + 1));
            payloads.Add(payload);
        }

        return payloads;
    }

    private static void Flush(H26xCodec codec, List<byte[]> small, List<byte[]> payloads)
    {
        if (small.Count == 1)
        {
            payloads.Add(small[0]);
        }
        else if (small.Count > 1)
        {
            payloads.Add(Aggregate(codec, small));
        }

        small.Clear();
    }
}
