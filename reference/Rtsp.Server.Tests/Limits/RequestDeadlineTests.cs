using Rtsp.Server.Limits;

namespace Rtsp.Server.Tests.Limits;

/// <summary>Which clock a connection's next read runs against: idle between requests, the request timeout inside one.</summary>
public class RequestDeadlineTests
{
    [Test]
    public void Between_requests_only_the_idle_clock_runs()
    {
        var deadline = new RequestDeadline(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10));
        deadline.NextWait().Should().Be((TimeSpan.FromSeconds(60), false));
        deadline.Parsed(inProgress: false, completedAny: true);
        deadline.NextWait().Should().Be((TimeSpan.FromSeconds(60), false));
    }

    [Test]
    public void Inside_a_request_the_request_clock_keeps_running_across_reads()
    {
        var deadline = new RequestDeadline(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300));
        deadline.Parsed(inProgress: true, completedAny: false);
        var (wait, tooSlow) = deadline.NextWait();
        tooSlow.Should().BeTrue();
        wait.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(300));

        Thread.Sleep(350);
        // More bytes of the same request do not restart the clock (that is what a slowloris client relies on).
        deadline.Parsed(inProgress: true, completedAny: false);
        deadline.NextWait().Should().Be((TimeSpan.Zero, true));

        // A request completed and the next one began: a new clock.
        deadline.Parsed(inProgress: true, completedAny: true);
        deadline.NextWait().Wait.Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Test]
    public void A_request_timeout_longer_than_the_idle_timeout_leaves_the_idle_clock_first()
    {
        var deadline = new RequestDeadline(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        deadline.Parsed(inProgress: true, completedAny: false);
        deadline.NextWait().Should().Be((TimeSpan.FromSeconds(2), false));
    }
}
