using System.Diagnostics;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.OpenCv;

/// <summary>`rtsp-ref serve --webcam` on a machine without that camera: a clear error and exit code 2, fast.</summary>
[Category("Integration")]
public sealed class WebcamStartupTests
{
    [TestCase("0", "/dev/video0")]
    [TestCase("/dev/video9", "/dev/video9")]
    public async Task A_missing_camera_fails_fast_naming_the_device_and_what_to_check(string argument, string device)
    {
        if (File.Exists(device))
            Assert.Ignore($"{device} exists on this machine: the no-camera path cannot be shown here");
        var watch = Stopwatch.StartNew();
        var run = await ExternalProcess.RunAsync("dotnet", [ServerProcess.DllPath, "serve", "--port", "0", "--webcam", argument], TimeSpan.FromSeconds(30));
        var elapsed = watch.Elapsed;

        run.TimedOut.Should().BeFalse();
        run.ExitCode.Should().Be(2);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a missing camera is known at once (the .NET start-up is most of this)");
        run.StandardError.Should().Contain(device).And.Contain("v4l2-ctl --list-devices").And.Contain("connected");
        run.StandardOutput.Should().NotContain("listening on", "the server must not start without its camera");
    }

    [Test]
    public async Task A_capture_of_a_missing_file_fails_with_exit_code_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "rtsp-ref-no-such-feed-" + Guid.NewGuid().ToString("N"));
        var run = await ExternalProcess.RunAsync("dotnet", [ServerProcess.DllPath, "serve", "--port", "0", "--capture", "feed=" + missing], TimeSpan.FromSeconds(30));

        run.ExitCode.Should().Be(2);
        run.StandardError.Should().Contain(missing).And.Contain("mkfifo");
    }

    [TestCase("--webcam", "video0")]
    [TestCase("--capture", "noequals")]
    [TestCase("--capture", "bad/name=/dev/video0")]
    [TestCase("--capture-size", "641x480")]
    [TestCase("--jpeg-quality", "0")]
    public async Task Malformed_capture_options_are_refused_with_exit_code_2(string option, string value)
    {
        var run = await ExternalProcess.RunAsync("dotnet", [ServerProcess.DllPath, "serve", "--port", "0", option, value], TimeSpan.FromSeconds(30));

        run.ExitCode.Should().Be(2);
        run.StandardError.Should().Contain(option);
    }
}
