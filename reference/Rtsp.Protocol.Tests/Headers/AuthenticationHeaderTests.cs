using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

public class AuthenticationHeaderTests
{
    [Test]
    public void Parses_a_digest_challenge_with_quoted_and_token_parameters()
    {
        var challenge = WwwAuthenticateHeader.Parse(
            "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5, stale=FALSE");

        challenge.IsDigest.Should().BeTrue();
        challenge.Realm.Should().Be("testrealm@host.com");
        challenge.Nonce.Should().Be("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        challenge.Opaque.Should().Be("5ccc069c403ebaf9f0171e9517f40e41");
        challenge.Algorithm.Should().Be("MD5");
        challenge.Get("STALE").Should().Be("FALSE");
        challenge.Parameters.Keys.Should().Equal("realm", "nonce", "opaque", "algorithm", "stale");
        WwwAuthenticateHeader.Parse(challenge.ToString()).Should().Be(challenge);
    }

    [Test]
    public void Parses_and_formats_a_basic_challenge()
    {
        var challenge = WwwAuthenticateHeader.Parse("Basic realm=\"IP Camera(C1234)\"");
        challenge.IsBasic.Should().BeTrue();
        challenge.Realm.Should().Be("IP Camera(C1234)");
        WwwAuthenticateHeader.Basic("rtsp-ref").ToString().Should().Be("Basic realm=\"rtsp-ref\"");
        WwwAuthenticateHeader.Digest("r", "n", "o").ToString().Should().Be("Digest realm=\"r\", nonce=\"n\", opaque=\"o\", algorithm=MD5");
    }

    [Test]
    public void A_quoted_value_may_hold_commas_equals_and_escaped_quotes()
    {
        var challenge = WwwAuthenticateHeader.Parse("Digest realm=\"a, b=c \\\"q\\\"\", nonce=\"n\"");
        challenge.Realm.Should().Be("a, b=c \"q\"");
        WwwAuthenticateHeader.Parse(challenge.ToString()).Realm.Should().Be("a, b=c \"q\"");
    }

    [Test]
    public void Basic_credentials_round_trip_the_rfc_2617_example()
    {
        var credentials = AuthorizationHeader.Parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        credentials.IsBasic.Should().BeTrue();
        credentials.UserName.Should().Be("Aladdin");
        credentials.Password.Should().Be("open sesame");
        AuthorizationHeader.Basic("Aladdin", "open sesame").ToString().Should().Be("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        AuthorizationHeader.Parse(AuthorizationHeader.Basic("u", "p:with:colons").ToString()).Password.Should().Be("p:with:colons");
    }

    [Test]
    public void Digest_response_matches_the_rfc_2069_example()
    {
        // RFC 2069 §2.4 (the value in the RFC text itself is a known erratum; this is the corrected one).
        DigestAuthenticator.ComputeResponse("Mufasa", "testrealm@host.com", "CircleOfLife", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093").Should().Be("1949323746fe6a43ef61f9606e7febea");
    }

    [Test]
    public void Answering_a_digest_challenge_builds_credentials_the_server_verifies()
    {
        var challenge = WwwAuthenticateHeader.Digest("rtsp-ref", "5ccc069c403ebaf9f0171e9517f40e41", "op4que");
        var credentials = DigestAuthenticator.CreateAuthorization(challenge, "admin", "secret", "DESCRIBE", "rtsp://127.0.0.1:8554/test");

        credentials.Response.Should().Be("3237691677dde180372b8a709c3cca31");
        credentials.Opaque.Should().Be("op4que");
        var onTheWire = AuthorizationHeader.Parse(credentials.ToString());
        onTheWire.Should().Be(credentials);
        onTheWire.UserName.Should().Be("admin");
        DigestAuthenticator.Verify(onTheWire, "secret", "DESCRIBE").Should().BeTrue();
        DigestAuthenticator.Verify(onTheWire, "wrong", "DESCRIBE").Should().BeFalse();
        DigestAuthenticator.Verify(onTheWire, "secret", "PLAY").Should().BeFalse();
    }

    [Test]
    public void Answering_a_basic_challenge_sends_basic_credentials()
    {
        var credentials = DigestAuthenticator.CreateAuthorization(WwwAuthenticateHeader.Basic("cam"), "u", "p", "OPTIONS", "*");
        credentials.ToString().Should().Be("Basic dTpw");
        DigestAuthenticator.Verify(credentials, "p", "OPTIONS").Should().BeFalse("Verify is for Digest only");
    }

    [TestCase("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256")]
    [TestCase("Digest nonce=\"n\"")]
    [TestCase("Negotiate abc=\"1\"")]
    public void Unsupported_challenges_are_format_errors(string text)
    {
        var act = () => DigestAuthenticator.CreateAuthorization(WwwAuthenticateHeader.Parse(text), "u", "p", "OPTIONS", "*");
        act.Should().Throw<HeaderFormatException>();
    }

    [TestCase("")]
    [TestCase("Digest realm=\"unterminated")]
    [TestCase("Digest realm")]
    [TestCase("Digest realm=\"a\", realm=\"b\"")]
    [TestCase("Bad Scheme realm=\"x\"")]
    public void Rejects_malformed_challenges(string text)
    {
        WwwAuthenticateHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => WwwAuthenticateHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>();
    }

    [TestCase("Basic")]
    [TestCase("Basic !!!notbase64")]
    [TestCase("Basic bm9jb2xvbg==")]
    [TestCase("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\"")]
    [TestCase("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x")]
    public void Rejects_malformed_credentials(string text)
    {
        AuthorizationHeader.TryParse(text, out _).Should().BeFalse();
        var act = () => AuthorizationHeader.Parse(text);
        act.Should().Throw<HeaderFormatException>();
    }
}
