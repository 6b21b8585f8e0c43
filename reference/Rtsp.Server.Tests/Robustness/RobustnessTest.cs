using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// Base of every robustness test: it runs alone (nothing else loads the machine's cores meanwhile) and ends by
/// asserting that the 20 healthy sessions went through it unharmed (see <see cref="HealthySessions.Check"/>).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public abstract class RobustnessTest
{
    private HealthMark? _mark;

    protected static ServerProcess Server => RobustnessServer.Server;

    protected static string Sample => RobustnessServer.Sample;

    protected static string SampleTrack => RobustnessServer.SampleTrack;

    [SetUp]
    public void MarkHealthySessions() => _mark = RobustnessServer.Healthy.Mark();

    [TearDown]
    public void HealthySessionsAreUnharmed()
    {
        var report = RobustnessServer.Healthy.Check(_mark!);
        TestContext.Out.WriteLine(report.ToString());
        report.Problems.Should().BeEmpty("the healthy sessions must not notice the attack");
    }

    /// <summary>The server still answers a plain OPTIONS on a fresh connection.</summary>
    protected static async Task AssertServerAnswersAsync()
    {
        await using var probe = await RtspTestClient.ConnectAsync(Server.BaseUrl);
        (await probe.SendAsync("OPTIONS", Sample)).StatusCode.Should().Be(200, "the server must survive the previous input");
    }
}
