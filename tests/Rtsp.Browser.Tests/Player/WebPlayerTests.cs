using System.Globalization;
using Microsoft.Playwright;
using Rtsp.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rtsp.Browser.Tests.Player;

/// <summary>
/// The web player (<c>rtsp-ref play URL --web</c>) in Debian's Chromium against a real reference server process:
/// what a user sees and does. Frame numbers come from the barcode the server draws into every frame, read
/// from screenshots of the video element; screenshots are kept under reports/browser/.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public class WebPlayerTests
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(15);

    private ChromiumBrowser _chromium = null!;
    private ReferenceServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _chromium = await ChromiumBrowser.LaunchAsync();
        _server = await ReferenceServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        await _chromium.DisposeAsync();
    }

    private static async Task<uint> FrameNumberAsync(IPage page, string screenshotName)
    {
        var png = await page.Locator("#video").ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(RepositoryPaths.BrowserReports, screenshotName),
        });
        var number = ScreenshotFrameNumber.Read(png);
        number.Should().NotBeNull($"the screenshot {screenshotName} should show a frame with the server's barcode");
        return number!.Value;
    }

    private static async Task<double> PositionAsync(IPage page)
        => double.Parse(await page.Locator("#position").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static Task ExpectStateAsync(IPage page, string state)
        => Expect(page.Locator("#state")).ToHaveTextAsync(state, new LocatorAssertionsToHaveTextOptions { Timeout = (float)StateTimeout.TotalMilliseconds });

    [Test]
    public async Task Play_pause_seek_and_teardown_drive_the_stream_and_the_server_session()
    {
        await using var player = await WebPlayerProcess.StartAsync(_server.SampleUrl, "--transport", "udp");
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(player.Address);
        await ExpectStateAsync(page, "READY");
        await Expect(page.Locator("#duration")).ToHaveTextAsync("10.0");
        (await _server.SessionCountAsync()).Should().Be(1, "the player sets the session up when it starts");

        await page.Locator("#play").ClickAsync();
        await ExpectStateAsync(page, "PLAYING");
        await page.WaitForTimeoutAsync(800);
        var first = await FrameNumberAsync(page, "player-1-playing.png");
        var between = System.Diagnostics.Stopwatch.StartNew();
        await page.WaitForTimeoutAsync(1500);
        var second = await FrameNumberAsync(page, "player-2-playing-later.png");
        // A screenshot itself takes a while on a loaded machine: bound the advance by the time really elapsed.
        ((int)(second - first)).Should().BeInRange(20, (int)(between.Elapsed.TotalSeconds * 25) + 25, "the picture advances with a 25 fps stream");

        await page.Locator("#pause").ClickAsync();
        await ExpectStateAsync(page, "READY");
        await page.WaitForTimeoutAsync(500);
        var paused = await FrameNumberAsync(page, "player-3-paused.png");
        await page.WaitForTimeoutAsync(1500);
        (await FrameNumberAsync(page, "player-4-paused-later.png")).Should().Be(paused, "nothing moves while paused");

        await page.Keyboard.PressAsync("Space");
        await ExpectStateAsync(page, "PLAYING");
        await page.WaitForTimeoutAsync(500);
        (await FrameNumberAsync(page, "player-5-resumed.png")).Should().BeGreaterThan(paused, "space resumed playing");

        var slider = await page.Locator("#seek").BoundingBoxAsync();
        slider.Should().NotBeNull();
        var y = slider!.Y + (slider.Height / 2);
        var thumb = await PositionAsync(page) / 10.0;
        await page.Mouse.MoveAsync(slider.X + (slider.Width * (float)thumb), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(slider.X + (slider.Width * 0.45f), y, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(slider.X + (slider.Width * 0.6f), y, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await Expect(page.Locator("#position")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[67]\.\d$"), new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(300);
        var afterSeek = await FrameNumberAsync(page, "player-6-after-seek.png");
        ((int)afterSeek).Should().BeInRange(140, 210, "the slider was dropped at 60 % of 10 s (frame 150)");
        (await PositionAsync(page)).Should().BeInRange(5.6, 8.4);

        await page.Locator("#teardown").ClickAsync();
        await ExpectStateAsync(page, "FINISHED");
        (await _server.WaitForSessionCountAsync(0, TimeSpan.FromSeconds(5))).Should().Be(0, "TEARDOWN ended the server's session");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.BrowserReports, "player-7-torn-down.png") });

        await page.Locator("#play").ClickAsync();
        await ExpectStateAsync(page, "PLAYING");
        (await _server.SessionCountAsync()).Should().Be(1, "Play after Teardown sets up a new session");
        await page.Locator("#teardown").ClickAsync();
        await ExpectStateAsync(page, "FINISHED");
    }

    [Test]
    public async Task Closing_the_page_tears_the_session_down()
    {
        await using var player = await WebPlayerProcess.StartAsync(_server.LiveUrl, "--transport", "tcp");
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(player.Address);
        await page.Locator("#play").ClickAsync();
        await ExpectStateAsync(page, "PLAYING");
        await Expect(page.Locator("#seek")).ToBeDisabledAsync();
        await Expect(page.Locator("#duration")).ToHaveTextAsync("live");
        (await _server.SessionCountAsync()).Should().Be(1);

        await page.Context.CloseAsync();

        (await _server.WaitForSessionCountAsync(0, TimeSpan.FromSeconds(10))).Should().Be(0, "closing the page tears the session down");
    }

    [Test]
    public async Task A_dead_url_shows_the_error_on_the_page()
    {
        var deadPort = ClosedPort();
        await using var player = await WebPlayerProcess.StartAsync($"rtsp://127.0.0.1:{deadPort}/nothing");
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(player.Address);

        await Expect(page.Locator("#error")).ToContainTextAsync($"Could not connect to 127.0.0.1:{deadPort}", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Expect(page.Locator("#state")).ToHaveTextAsync("FINISHED");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.BrowserReports, "player-dead-url.png") });
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
