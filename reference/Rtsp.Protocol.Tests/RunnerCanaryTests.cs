namespace Rtsp.Protocol.Tests;

/// <summary>
/// Proves the test runner's failure path: `./run-tests.sh selftest` runs this test once normally (it must pass)
/// and once with RTSP_CONFORMANCE_CANARY=fail (it must fail, and run-tests.sh must count it and exit non-zero).
/// Excluded from `unit` and `all` so it never inflates their counts.
/// </summary>
[TestFixture]
[Category("Canary")]
public sealed class RunnerCanaryTests
{
    [Test]
    public void Fails_only_when_the_canary_variable_asks_it_to()
    {
        Environment.GetEnvironmentVariable("RTSP_CONFORMANCE_CANARY")
            .Should().NotBe("fail", "run-tests.sh selftest set the canary to prove that a failing test fails the run");
    }
}
