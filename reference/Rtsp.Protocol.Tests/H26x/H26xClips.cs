using Rtsp.Protocol.H26x;

namespace Rtsp.Protocol.Tests.H26x;

/// <summary>
/// The checked-in clips (TestData/H26x: ffmpeg testsrc2 160x120, 10 frames, GOP 5, no B-frames, libx264 / libx265,
/// Annex B) as NAL units grouped into access units, and a splitter for Annex B start codes (3 or 4 bytes).
/// </summary>
internal static class H26xClips
{
    public static byte[] Bytes(H26xCodec codec) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "H26x",
            codec == H26xCodec.H264 ? "testsrc2-160x120-10f.h264" : "testsrc2-160x120-10f.h265"));

    /// <summary>The NAL units of an Annex B stream, without start codes.</summary>
    public static List<byte[]> NalUnits(byte[] stream)
    {
        var starts = new List<(int Code, int Payload)>();
        for (int i = 0; i + 2 < stream.Length; i++)
        {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1)
            {
                starts.Add((i > 0 && stream[i - 1] == 0 ? i - 1 : i, i + 3));
                i += 2;
            }
        }

        return [.. starts.Select((s, k) => stream[s.Payload..(k + 1 < starts.Count ? starts[k + 1].Code : stream.Length)])];
    }

    /// <summary>Access units: a new one starts at a parameter set, SEI or delimiter after a slice, or at a slice
    /// that starts a picture after a slice (enough for these encoder outputs).</summary>
    public static List<List<byte[]>> AccessUnits(H26xCodec codec)
    {
        var units = new List<List<byte[]>>();
        List<byte[]>? current = null;
        bool sliceSeen = false;
        foreach (var nal in NalUnits(Bytes(codec)))
        {
            var header = NalUnitHeader.Parse(codec, nal);
            bool vcl = NalUnitTypes.IsVcl(codec, header.Type);
            bool startsPicture = vcl && (nal[header.Length] & 0x80) != 0;
            if (current is null || (sliceSeen && (!vcl || startsPicture)))
            {
                current = [];
                units.Add(current);
                sliceSeen = false;
            }

            current.Add(nal);
            sliceSeen |= vcl;
        }

        return units;
    }
}
