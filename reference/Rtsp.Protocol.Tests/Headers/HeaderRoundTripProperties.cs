using CsCheck;
using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

/// <summary>Format then parse gives back the same value, for generated values of every header type.</summary>
public class HeaderRoundTripProperties
{
    private const int Iterations = 500;

    [Test]
    public void CSeq_round_trips() =>
        Gen.Long[0, 999_999_999_999_999_999].Sample(
            n => CSeqHeader.Parse(new CSeqHeader(n).ToString()).Should().Be(new CSeqHeader(n)), iter: Iterations);

    [Test]
    public void Session_round_trips() =>
        Gen.Select(HeaderGenerators.SessionId, Gen.Int[0, int.MaxValue].Nullable()).Sample((id, timeout) =>
        {
            var header = new SessionHeader(id, timeout);
            SessionHeader.Parse(header.ToString()).Should().Be(header);
        }, iter: Iterations);

    [Test]
    public void Transport_round_trips_with_up_to_four_alternatives() =>
        HeaderGenerators.TransportSpec.List[1, 4].Sample(specs =>
        {
            var header = new TransportHeader(specs);
            var back = TransportHeader.Parse(header.ToString());
            back.Specs.Should().BeEquivalentTo(specs, o => o.ComparingByMembers<TransportSpec>().WithStrictOrdering());
        }, iter: Iterations);

    [Test]
    public void Range_round_trips() =>
        HeaderGenerators.Range.Sample(range =>
        {
            var back = RangeHeader.Parse(range.ToString());
            back.Should().Be(range);
            back.ToString().Should().Be(range.ToString());
        }, iter: Iterations);

    [Test]
    public void Npt_times_in_hh_mm_ss_equal_their_seconds() =>
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 59], Gen.Int[0, 59999]).Sample((h, m, ms) =>
        {
            var text = $"{h}:{m:D2}:{ms / 1000:D2}.{ms % 1000:D3}";
            NptTime.Parse(text).Seconds.Should().Be(NptTime.Parse($"{(h * 3600) + (m * 60) + (ms / 1000)}.{ms % 1000:D3}").Seconds);
        }, iter: Iterations);

    [Test]
    public void RtpInfo_round_trips_with_urls_holding_commas_and_semicolons() =>
        HeaderGenerators.RtpInfoEntry.List[1, 4].Sample(entries =>
        {
            var header = new RtpInfoHeader(entries);
            RtpInfoHeader.Parse(header.ToString()).Entries.Should().Equal(entries);
        }, iter: Iterations);

    [Test]
    public void Public_round_trips() =>
        HeaderGenerators.Token.List[1, 12].Sample(methods =>
        {
            var header = new PublicHeader(methods);
            PublicHeader.Parse(header.ToString()).Should().Be(header);
        }, iter: Iterations);

    [Test]
    public void Digest_challenge_and_credentials_round_trip_any_quoted_text() =>
        Gen.Select(HeaderGenerators.QuotedText, HeaderGenerators.QuotedText, HeaderGenerators.QuotedText.Null(), HeaderGenerators.QuotedText)
            .Sample((realm, nonce, opaque, password) =>
            {
                var challenge = WwwAuthenticateHeader.Digest(realm, nonce, opaque);
                var parsed = WwwAuthenticateHeader.Parse(challenge.ToString());
                parsed.Should().Be(challenge);

                var credentials = DigestAuthenticator.CreateAuthorization(parsed, "user", password, "PLAY", "rtsp://h/s?x=1");
                var back = AuthorizationHeader.Parse(credentials.ToString());
                back.Should().Be(credentials);
                DigestAuthenticator.Verify(back, password, "PLAY").Should().BeTrue();
            }, iter: Iterations);

    [Test]
    public void Basic_credentials_round_trip() =>
        Gen.Select(Gen.String[Gen.Char[HeaderGenerators.TokenChars], 0, 16], HeaderGenerators.QuotedText).Sample((user, password) =>
        {
            var credentials = AuthorizationHeader.Basic(user, password);
            var back = AuthorizationHeader.Parse(credentials.ToString());
            back.UserName.Should().Be(user);
            back.Password.Should().Be(password);
        }, iter: Iterations);

    [Test]
    public void Control_urls_star_is_the_base_and_absolute_controls_stay() =>
        // Only dot-free paths stay verbatim: RFC 3986 §5.2.2 removes dot segments from absolute references too.
        Gen.Select(HeaderGenerators.RtspUrl, HeaderGenerators.RtspUrl.Where(u => !u.Split('?')[0].Split('/').Any(s => s is "." or ".."))).Sample((baseUrl, absolute) =>
        {
            ControlUrl.Resolve(baseUrl, "*").Should().Be(baseUrl);
            ControlUrl.Resolve(baseUrl, absolute).Should().Be(absolute);
            ControlUrl.ResolveLikeFfmpeg(baseUrl, absolute).Should().Be(absolute);
        }, iter: Iterations);

    [Test]
    public void Control_urls_both_peers_agree_on_a_slash_terminated_base() =>
        Gen.Select(HeaderGenerators.Host, Gen.String[Gen.Char["abcxyz0123456789"], 1, 10], HeaderGenerators.Token.Where(t => t is not ("." or ".." or "*") && !t.Contains(':', StringComparison.Ordinal)))
            .Sample((host, path, control) =>
            {
                var baseUrl = $"rtsp://{host}/{path}/";
                ControlUrl.Resolve(baseUrl, control).Should().Be(ControlUrl.ResolveLikeFfmpeg(baseUrl, control)).And.StartWith(baseUrl);
            }, iter: Iterations);
}
