using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests;

/// <summary>
/// Stops the shared server after the last test of the assembly. A [SetUpFixture] covers only its own namespace and
/// those below it, so it lives here at the root of every test namespace; inside Support/ it never ran and each test
/// run left one `rtsp-ref serve` process behind.
/// </summary>
[SetUpFixture]
public sealed class SharedServerTeardown
{
    [OneTimeTearDown]
    public async Task StopSharedServer() => await SharedServer.StopAsync();
}
