using System.Text;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>RFC 2326 15: "lines may be terminated by CRLF, CR or LF" — every method's request with bare LF or bare
/// CR line ends gets the same answer as with CRLF (the body, whose length is counted, is left as it is).</summary>
public class LineEndingTests : RobustnessTest
{
    [TestCase("\n")]
    [TestCase("\r")]
    public async Task Requests_with_bare_line_ends_get_the_CRLF_answer(string lineEnd)
    {
        using var sink = new MediaSink();
        var results = await Task.WhenAll(MethodRequest.All.Select(async (request, index) =>
        {
            string crlf = await request.WholeAnswerAsync(sink);
            string bare = await request.AnswerAsync(sink, MethodRequest.SpreadAddress(index), (client, bytes) => client.WriteAsync(bytes), bytes => WithLineEnds(bytes, lineEnd));
            return (request.Name, crlf, bare);
        }));
        foreach (var (name, crlf, bare) in results)
            bare.Should().Be(crlf, $"{name} with {(lineEnd == "\n" ? "LF" : "CR")} line ends");
    }

    private static byte[] WithLineEnds(byte[] request, string lineEnd)
    {
        string text = Encoding.ASCII.GetString(request);
        int bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        return Encoding.ASCII.GetBytes(text[..bodyStart].Replace("\r\n", lineEnd, StringComparison.Ordinal) + text[bodyStart..]);
    }
}
