using Rtsp.Client.Auth;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Client.Tests.Auth;

public class AuthRetryingSenderTests
{
    private const string Uri = "rtsp://127.0.0.1:8554/sample.mjpeg";

    /// <summary>A server in memory: answers each request with the next status and records what it got.</summary>
    private sealed class ScriptedServer(params Func<RtspRequest, RtspResponse>[] answers)
    {
        private int _next;

        public List<RtspRequest> Received { get; } = [];

        public Task<RtspResponse> SendAsync(RtspRequest request, CancellationToken cancellationToken)
        {
            Received.Add(request);
            return Task.FromResult(answers[Math.Min(_next++, answers.Length - 1)](request));
        }
    }

    private static RtspResponse Unauthorized(params string[] challenges)
    {
        var response = new RtspResponse(401);
        foreach (var challenge in challenges)
        {
            response.Headers.Add("WWW-Authenticate", challenge);
        }

        return response;
    }

    private static RtspResponse Ok(RtspRequest _) => new(200);

    [Test]
    public async Task A_digest_challenge_is_answered_once_with_the_rfc_2617_response()
    {
        var server = new ScriptedServer(_ => Unauthorized("Digest realm=\"rtsp-ref\", nonce=\"abc123\""), Ok);
        var sender = new AuthRetryingSender(new RtspAuthenticator("alice", "s3cret"), server.SendAsync);

        var response = await sender.SendAsync(() => new RtspRequest("DESCRIBE", Uri), CancellationToken.None);

        response.StatusCode.Should().Be(200);
        server.Received.Should().HaveCount(2);
        server.Received[0].Headers.Contains("Authorization").Should().BeFalse();
        var authorization = server.Received[1].Headers.Get("Authorization")!;
        authorization.Should().StartWith("Digest ");
        var expected = DigestAuthenticator.ComputeResponse("alice", "rtsp-ref", "s3cret", "DESCRIBE", Uri, "abc123");
        authorization.Should().Contain($"response=\"{expected}\"").And.Contain("username=\"alice\"").And.Contain($"uri=\"{Uri}\"");
    }

    [Test]
    public async Task After_a_challenge_later_requests_carry_authorization_for_their_own_method()
    {
        var server = new ScriptedServer(_ => Unauthorized("Digest realm=\"r\", nonce=\"n\""), Ok, Ok);
        var sender = new AuthRetryingSender(new RtspAuthenticator("alice", "pw"), server.SendAsync);
        await sender.SendAsync(() => new RtspRequest("DESCRIBE", Uri), CancellationToken.None);

        await sender.SendAsync(() => new RtspRequest("SETUP", Uri + "/track1"), CancellationToken.None);

        server.Received.Should().HaveCount(3, "the SETUP went out authorized the first time");
        var expected = DigestAuthenticator.ComputeResponse("alice", "r", "pw", "SETUP", Uri + "/track1", "n");
        server.Received[2].Headers.Get("Authorization").Should().Contain($"response=\"{expected}\"");
    }

    [Test]
    public async Task Basic_is_used_when_it_is_the_only_scheme_offered()
    {
        var server = new ScriptedServer(_ => Unauthorized("Basic realm=\"cam\""), Ok);
        var sender = new AuthRetryingSender(new RtspAuthenticator("bob", "pa:ss"), server.SendAsync);

        await sender.SendAsync(() => new RtspRequest("OPTIONS", Uri), CancellationToken.None);

        server.Received[1].Headers.Get("Authorization").Should().Be("Basic " + Convert.ToBase64String("bob:pa:ss"u8.ToArray()));
    }

    [Test]
    public async Task Digest_is_preferred_over_basic_when_both_are_offered()
    {
        var server = new ScriptedServer(_ => Unauthorized("Basic realm=\"cam\"", "Digest realm=\"cam\", nonce=\"n1\""), Ok);
        var sender = new AuthRetryingSender(new RtspAuthenticator("bob", "pw"), server.SendAsync);

        await sender.SendAsync(() => new RtspRequest("OPTIONS", Uri), CancellationToken.None);

        server.Received[1].Headers.Get("Authorization").Should().StartWith("Digest ");
        sender.Authenticator.Scheme.Should().Be("Digest");
    }

    [Test]
    public async Task Wrong_credentials_get_one_retry_and_the_second_401_is_returned()
    {
        var server = new ScriptedServer(_ => Unauthorized("Digest realm=\"r\", nonce=\"n\""));
        var sender = new AuthRetryingSender(new RtspAuthenticator("alice", "wrong"), server.SendAsync);

        var response = await sender.SendAsync(() => new RtspRequest("DESCRIBE", Uri), CancellationToken.None);

        response.StatusCode.Should().Be(401);
        server.Received.Should().HaveCount(2);
    }

    [Test]
    public async Task Without_credentials_a_401_is_returned_without_retry()
    {
        var server = new ScriptedServer(_ => Unauthorized("Digest realm=\"r\", nonce=\"n\""));
        var sender = new AuthRetryingSender(new RtspAuthenticator(null, null), server.SendAsync);

        var response = await sender.SendAsync(() => new RtspRequest("DESCRIBE", Uri), CancellationToken.None);

        response.StatusCode.Should().Be(401);
        server.Received.Should().ContainSingle();
    }

    [Test]
    public async Task A_digest_challenge_with_an_unsupported_algorithm_is_not_answered()
    {
        var server = new ScriptedServer(_ => Unauthorized("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256"));
        var sender = new AuthRetryingSender(new RtspAuthenticator("alice", "pw"), server.SendAsync);

        var response = await sender.SendAsync(() => new RtspRequest("DESCRIBE", Uri), CancellationToken.None);

        response.StatusCode.Should().Be(401);
        server.Received.Should().ContainSingle();
    }
}
