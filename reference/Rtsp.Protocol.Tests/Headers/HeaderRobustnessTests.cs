using CsCheck;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Tests.Rtsp;

namespace Rtsp.Protocol.Tests.Headers;

/// <summary>
/// Every header parser fed a few hundred damaged real values: it returns a value or throws a
/// <see cref="HeaderFormatException"/>, TryParse never throws, and whatever parses formats to text that parses
/// to the same text again.
/// </summary>
public class HeaderRobustnessTests
{
    private static readonly Dictionary<string, string[]> Seeds = new()
    {
        ["CSeq"] = ["1", "302", "abc"],
        ["Session"] = [.. TranscriptFile.HeaderValues("Session"), "47112344;timeout=60"],
        ["Transport"] =
        [
            .. TranscriptFile.HeaderValues("Transport"),
            "RTP/AVP;multicast;ttl=127;mode=\"PLAY\", RTP/AVP;unicast;client_port=3456-3457;mode=\"PLAY\"",
            "RTP/AVP;multicast;destination=224.2.0.1;port=3456-3457;ttl=16;layers=2;append;source=1.2.3.4",
        ],
        ["Range"] = [.. TranscriptFile.HeaderValues("Range"), "npt=00:01:02.5-", "clock=19961108T142300Z-19961108T143520Z", "smpte=10:07:00-10:07:33:05.01", "npt=0-;time=19970123T143720Z"],
        ["RTP-Info"] = [.. TranscriptFile.HeaderValues("RTP-Info"), "url=rtsp://foo.com/bar.avi/streamid=0;seq=45102, url=rtsp://foo.com/bar.avi/streamid=1;seq=30211"],
        ["Public"] = [.. TranscriptFile.HeaderValues("Public")],
        ["WWW-Authenticate"] = ["Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c\", algorithm=MD5", "Basic realm=\"cam\""],
        ["Authorization"] = ["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"rtsp://h/s\", response=\"1949323746fe6a43ef61f9606e7febea\""],
    };

    private static readonly Dictionary<string, Func<string, string>> ParseAndFormat = new()
    {
        ["CSeq"] = v => CSeqHeader.Parse(v).ToString(),
        ["Session"] = v => SessionHeader.Parse(v).ToString(),
        ["Transport"] = v => TransportHeader.Parse(v).ToString(),
        ["Range"] = v => RangeHeader.Parse(v).ToString(),
        ["RTP-Info"] = v => RtpInfoHeader.Parse(v).ToString(),
        ["Public"] = v => PublicHeader.Parse(v).ToString(),
        ["WWW-Authenticate"] = v => WwwAuthenticateHeader.Parse(v).ToString(),
        ["Authorization"] = v => AuthorizationHeader.Parse(v).ToString(),
    };

    private static readonly Dictionary<string, Func<string, bool>> TryParse = new()
    {
        ["CSeq"] = v => CSeqHeader.TryParse(v, out _),
        ["Session"] = v => SessionHeader.TryParse(v, out _),
        ["Transport"] = v => TransportHeader.TryParse(v, out _),
        ["Range"] = v => RangeHeader.TryParse(v, out _),
        ["RTP-Info"] = v => RtpInfoHeader.TryParse(v, out _),
        ["Public"] = v => PublicHeader.TryParse(v, out _),
        ["WWW-Authenticate"] = v => WwwAuthenticateHeader.TryParse(v, out _),
        ["Authorization"] = v => AuthorizationHeader.TryParse(v, out _),
    };

    private static IEnumerable<string> Headers() => Seeds.Keys;

    [TestCaseSource(nameof(Headers))]
    public void Damaged_values_parse_or_fail_with_a_header_format_error(string header)
    {
        var seeds = Seeds[header];
        seeds.Should().NotBeEmpty();
        Gen.Select(Gen.Int[0, seeds.Length - 1], Mutator.Mutation.List[1, 3])
            .Select((i, mutations) => mutations.Aggregate(seeds[i], Mutator.Apply))
            .Sample(value =>
            {
                var parsed = TryParse[header](value);
                string formatted;
                try
                {
                    formatted = ParseAndFormat[header](value);
                }
                catch (HeaderFormatException)
                {
                    parsed.Should().BeFalse("TryParse and Parse must agree on '{0}'", value);
                    return;
                }

                parsed.Should().BeTrue("TryParse and Parse must agree on '{0}'", value);
                ParseAndFormat[header](formatted).Should().Be(formatted, "what we format must parse back to itself");
            }, iter: 300);
    }

    [Test]
    public void Random_text_parses_or_fails_with_a_header_format_error_for_every_header() =>
        Gen.String[Gen.Char[" \t!\"#$%&'()*+,-./0123456789:;<=>?@ABCDTZ[\\]^_`abnoprstuwy{|}~\0\u00ff"], 0, 80].Sample(value =>
        {
            foreach (var (header, parse) in ParseAndFormat)
            {
                try
                {
                    var formatted = parse(value);
                    parse(formatted).Should().Be(formatted);
                    TryParse[header](value).Should().BeTrue();
                }
                catch (HeaderFormatException)
                {
                    TryParse[header](value).Should().BeFalse();
                }
            }
        }, iter: 500);

    [Test]
    public void Control_url_resolution_never_fails_on_an_absolute_base() =>
        Gen.Select(HeaderGenerators.RtspUrl, Gen.String[Gen.Char["abc/.?#:;=*%@[] "], 0, 30]).Sample((baseUrl, control) =>
        {
            var resolved = ControlUrl.Resolve(baseUrl, control);
            ControlUrl.IsAbsolute(resolved).Should().BeTrue();
            ControlUrl.IsAbsolute(ControlUrl.ResolveLikeFfmpeg(baseUrl, control)).Should().BeTrue();
        }, iter: 500);
}
