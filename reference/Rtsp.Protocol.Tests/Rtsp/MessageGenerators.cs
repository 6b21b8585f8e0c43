using CsCheck;
using Rtsp.Protocol.Rtsp;
using Rtsp.Protocol.Tests.Headers;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>CsCheck generators of well-formed RTSP messages and interleaved streams.</summary>
internal static class MessageGenerators
{
    private const string ValueChars = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~\té€";

    public static readonly Gen<string> HeaderValue =
        Gen.String[Gen.Char[ValueChars], 0, 60].Select(v => v.Trim(' ', '\t'));

    public static readonly Gen<string> HeaderName =
        HeaderGenerators.Token.Where(n => !n.Equals("Content-Length", StringComparison.OrdinalIgnoreCase));

    public static readonly Gen<List<(string, string)>> Headers = Gen.Select(HeaderName, HeaderValue).List[0, 12];

    public static readonly Gen<byte[]> Body = Gen.OneOf(Gen.Const(Array.Empty<byte>()), Gen.Byte.Array[1, 300]);

    public static readonly Gen<RtspMessage> Request =
        Gen.Select(Gen.OneOf(Gen.OneOf(RtspMethods.All.ToArray()), HeaderGenerators.Token), HeaderGenerators.RtspUrl, Gen.Int[0, 1_000_000], Headers, Body,
            (method, uri, cseq, headers, body) => Fill(new RtspRequest(method, uri.Replace(' ', '_')) { CSeq = cseq }, headers, body));

    public static readonly Gen<RtspMessage> Response =
        Gen.Select(Gen.Int[100, 999], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz -"], 0, 30], Gen.Int[0, 1_000_000], Headers, Body,
            (code, reason, cseq, headers, body) => Fill(new RtspResponse(code, reason.Trim()) { CSeq = cseq }, headers, body));

    public static readonly Gen<RtspMessage> Message = Gen.OneOf(Request, Response);

    /// <summary>The bytes of an interleaved frame or of a message, as the other side would write them.</summary>
    public static readonly Gen<byte[]> StreamItem = Gen.OneOf(
        Gen.Select(Gen.Byte, Gen.Byte.Array[0, 400], (channel, payload) => InterleavedFrame.Encode(channel, payload)),
        Message.Select(m => m.ToBytes()));

    /// <summary>How to cut a byte stream into reads: sizes from 1 byte to a typical socket read.</summary>
    public static readonly Gen<int[]> ChunkSizes = Gen.Int[1, 1500].Array[1, 20];

    public static IEnumerable<byte[]> Chunks(byte[] bytes, int[] sizes)
    {
        var offset = 0;
        for (var i = 0; offset < bytes.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], bytes.Length - offset);
            yield return bytes[offset..(offset + size)];
            offset += size;
        }
    }

    private static RtspMessage Fill(RtspMessage message, List<(string Name, string Value)> headers, byte[] body)
    {
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = body;
        return message;
    }
}
