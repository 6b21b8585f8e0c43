using CsCheck;
using Rtsp.Protocol.Sdp;

namespace Rtsp.Protocol.Tests.Sdp;

public class SessionDescriptionPropertyTests
{
    private static readonly Gen<string> Token =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._+/"].Array[1, 12].Select(chars => new string(chars));

    // Free text: anything but line ends, including ':' and spaces (and not only ASCII).
    private static readonly Gen<string> Text =
        Gen.Char["abc XYZ 019:=/;,.-_*@é中"].Array[0, 30].Select(chars => new string(chars));

    private static readonly Gen<string?> OptionalText = Gen.Select(Gen.Bool, Text, (present, text) => present ? text : null);

    private static readonly Gen<SdpConnection?> Connections =
        Gen.Select(Gen.Bool, Token, Token, Token, (present, net, type, address) => present ? new SdpConnection(net, type, address) : null);

    private static readonly Gen<List<SdpBandwidth>> Bandwidths =
        Gen.Select(Token, Gen.Long[0, long.MaxValue], (type, value) => new SdpBandwidth(type, value)).Array[0, 2].Select(list => list.ToList());

    // Random names carry an "x-" prefix so they never hit the attributes the parser validates.
    private static readonly Gen<SdpAttribute> Attributes = Gen.OneOf(
        Gen.Select(Token, OptionalText, (name, value) => new SdpAttribute("x-" + name, value)),
        Gen.Select(Gen.Int[0, 127], Token, Gen.Int[1, 200000], (pt, encoding, clock) => new SdpAttribute("rtpmap", new SdpRtpMap(pt, encoding.Replace("/", "", StringComparison.Ordinal) + "X", clock).ToAttributeValue())),
        Gen.Select(Gen.Int[1, 24000], Gen.Int[0, 999], (whole, thousandths) => new SdpAttribute("framerate", $"{whole}.{thousandths:D3}")),
        Gen.Select(Gen.Int[0, 127], Text, (pt, parameters) => new SdpAttribute("fmtp", $"{pt} {parameters}")),
        Token.Select(control => new SdpAttribute("control", control)),
        Gen.Const(new SdpAttribute("range", "npt=0-10")));

    private static readonly Gen<MediaDescription> Media =
        Gen.Select(Token, Gen.Int[0, 65535], Gen.Select(Gen.Bool, Gen.Int[1, 8], (present, count) => present ? count : (int?)null), Token,
            Gen.Int[0, 127].Array[1, 4], OptionalText, Connections, Gen.Select(Bandwidths, OptionalText, Attributes.Array[0, 8]),
            (type, port, portCount, protocol, formats, information, connection, rest) => new MediaDescription
            {
                Type = type,
                Port = port,
                PortCount = portCount,
                Protocol = protocol,
                Formats = [.. formats.Select(format => format.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                Information = information,
                Connection = connection,
                Bandwidths = rest.Item1,
                EncryptionKey = rest.Item2,
                Attributes = [.. rest.Item3],
            });

    private static readonly Gen<SdpTiming> Timings =
        Gen.Select(Gen.ULong, Gen.ULong, Text.Array[0, 2], (start, stop, repeats) => new SdpTiming(start, stop) { RepeatTimes = [.. repeats] });

    private static readonly Gen<SessionDescription> Descriptions =
        Gen.Select(
            Gen.Select(Token, Gen.ULong, Gen.ULong, Token, (user, id, version, address) => new SdpOrigin(user, $"{id}", $"{version}", "IN", "IP4", address)),
            Text,
            Gen.Select(OptionalText, OptionalText, Text.Array[0, 2], Text.Array[0, 2]),
            Connections,
            Gen.Select(Bandwidths, Timings.Array[0, 2], OptionalText, OptionalText),
            Attributes.Array[0, 8],
            Media.Array[0, 3],
            (origin, name, texts, connection, more, attributes, media) => new SessionDescription
            {
                Origin = origin,
                SessionName = name,
                Information = texts.Item1,
                Uri = texts.Item2,
                Emails = [.. texts.Item3],
                Phones = [.. texts.Item4],
                Connection = connection,
                Bandwidths = more.Item1,
                Timings = [.. more.Item2],
                TimeZones = more.Item3,
                EncryptionKey = more.Item4,
                Attributes = [.. attributes],
                Media = [.. media],
            });

    [Test]
    public void Generated_descriptions_round_trip_through_text()
    {
        Descriptions.Sample(sdp =>
        {
            var text = sdp.ToString();
            text.Should().EndWith("\r\n").And.NotContain("\r\r").And.StartWith("v=0\r\n");

            var parsed = SessionDescription.Parse(text);

            parsed.ToString().Should().Be(text);
            parsed.Should().BeEquivalentTo(sdp, options => options.WithStrictOrdering());
        }, iter: 400);
    }

    [Test]
    public void Generated_descriptions_round_trip_with_bare_lf_line_ends()
    {
        Descriptions.Sample(sdp =>
        {
            var text = sdp.ToString();
            SessionDescription.Parse(text.Replace("\r\n", "\n", StringComparison.Ordinal)).ToString().Should().Be(text);
        }, iter: 100);
    }
}
