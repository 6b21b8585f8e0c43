namespace Rtsp.Server.Tests.Support;

/// <summary>
/// One default rtsp-ref process shared by the integration tests that need no special options (starting one
/// costs about a second). Tests must not assume they are alone on it: they count deltas and tear down what they set up.
/// </summary>
public static class SharedServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ServerProcess? _server;

    public static async Task<ServerProcess> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is null || _server.HasExited)
                _server = await ServerProcess.StartAsync();
            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task StopAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _server = null;
    }
}
