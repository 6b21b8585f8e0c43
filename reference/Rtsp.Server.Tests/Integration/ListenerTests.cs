using System.Globalization;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Integration;

[Category("Integration")]
public class ListenerTests
{
    /// <summary>
    /// .NET's ReuseAddress sets SO_REUSEPORT on Linux: a second server then bound the same port and the kernel
    /// shared the connections between the two, so clients of one got answers (404s) from the other.
    /// </summary>
    [Test]
    public async Task A_second_server_on_a_port_in_use_fails_to_start()
    {
        await using var server = await ServerProcess.StartAsync();

        var second = await ExternalProcess.RunAsync("dotnet", [ServerProcess.DllPath, "serve", "--port", server.Port.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(30));

        second.TimedOut.Should().BeFalse("a server that cannot bind exits instead of serving");
        second.ExitCode.Should().NotBe(0);
        second.StandardError.Should().Contain("Address already in use");
    }
}
