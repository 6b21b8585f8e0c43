using FluentAssertions;
using Rtsp.Harness.Reports;
using Rtsp.Harness.Runner;
using Rtsp.Harness.Scenarios;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Tests.Conformance;

/// <summary>
/// A target that asks for credentials, as most cameras do: the reference server started with <c>--user/--password</c>
/// and judged as an external target. With the credentials (options, or the URL's userinfo) every request of every
/// scenario authenticates and the happy path passes, the auth scenarios run instead of being not applicable, and no
/// report shows the password; without them the run is a usage error before any scenario.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class CredentialsRunTests
{
    private const string User = "viewer";

    /// <summary>An '@' and a ':' that the URL form must percent-encode.</summary>
    private const string Password = "p@ss:w0rd";

    private static readonly string[] Scenarios =
        ["play-basic", "pause-resume", "seek-forward", "teardown-silence", "auth-challenge", "auth-success", "auth-wrong-password"];

    private ServerProcess server = null!;

    [OneTimeSetUp]
    public void StartServer() => server = ReferenceServer.Start(HarnessRuns.Root, [], ["--user", User, "--password", Password]);

    [OneTimeTearDown]
    public void StopServer() => server.Dispose();

    private string SampleUrl => new Uri(server.BaseUrl, ReferenceServer.SamplePath).ToString();

    [Test]
    [CancelAfter(3 * 60 * 1000)]
    public void With_user_and_password_options_the_happy_path_and_the_auth_scenarios_pass()
    {
        var report = Run(SampleUrl, "udp", o => o with { Credentials = new Credentials(User, Password) });

        AssertPassedWithoutShowingThePassword(report);
    }

    [Test]
    [CancelAfter(3 * 60 * 1000)]
    public void With_credentials_in_the_url_the_same_run_passes_over_tcp()
    {
        var url = SampleUrl.Replace("rtsp://", $"rtsp://{User}:{Uri.EscapeDataString(Password)}@", StringComparison.Ordinal);

        var report = Run(url, "tcp", o => o);

        report.Target.Should().Be(SampleUrl, "the userinfo never reaches the report");
        AssertPassedWithoutShowingThePassword(report);
    }

    [Test]
    public void Without_credentials_the_run_stops_before_any_scenario_with_what_to_pass()
    {
        var act = () => Run(SampleUrl, "udp", o => o);

        act.Should().Throw<TargetUnreachableException>().WithMessage("*answered \"RTSP/1.0 401 Unauthorized\"*pass --user and --password*");
    }

    [Test]
    public void The_auth_scenarios_against_an_open_target_are_not_applicable_even_with_credentials()
    {
        using var open = ReferenceServer.Start(HarnessRuns.Root, [], []);

        var report = HarnessRuns.Run(HarnessRuns.Named("auth-challenge", "auth-success"), $"credentials-open-{HarnessRuns.Stamp()}",
            Path.Combine(HarnessRuns.Root, "reports", "credentials"), target: new Uri(open.BaseUrl, ReferenceServer.SamplePath).ToString(),
            transports: ["udp"], configure: o => o with { Capture = CaptureMode.Socket, Credentials = new Credentials(User, Password) });

        report.Scenarios.Should().OnlyContain(s => s.Outcome == ScenarioOutcome.NotApplicable &&
            s.ErrorMessage == "the target did not ask for credentials (its DESCRIBE was answered without a 401), so there is no authentication to judge");
    }

    private RunReport Run(string target, string transport, Func<RunOptions, RunOptions> configure) =>
        HarnessRuns.Run(HarnessRuns.Named(Scenarios), $"credentials-{transport}-{HarnessRuns.Stamp()}", Path.Combine(HarnessRuns.Root, "reports", "credentials"),
            target: target, transports: [transport], configure: configure);

    private static void AssertPassedWithoutShowingThePassword(RunReport report)
    {
        foreach (var failure in HarnessRuns.Failures(report))
        {
            TestContext.Out.WriteLine("  " + failure);
        }

        HarnessRuns.Errors(report).Should().BeEmpty();
        report.Scenarios.Should().HaveCount(Scenarios.Length).And.OnlyContain(s => s.Outcome == ScenarioOutcome.Pass,
            "every request answers the challenge, and the auth scenarios run against a target that asks for credentials");
        report.Scenarios.Single(s => s.Scenario == "auth-success").Transcript.Select(t => t.Text)
            .Should().Contain(t => t.StartsWith("DESCRIBE ", StringComparison.Ordinal) && t.Contains("Authorization: Digest username=\"viewer\"", StringComparison.Ordinal));
        var folder = Path.Combine(HarnessRuns.Root, "reports", "credentials", report.RunId);
        foreach (var file in new[] { "index.html", "results.json", "junit.xml" })
        {
            var text = File.ReadAllText(Path.Combine(folder, file));
            text.Should().NotContain(Password).And.NotContain(Uri.EscapeDataString(Password), $"{file} must not show the password");
        }
    }
}
