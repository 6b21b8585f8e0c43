using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Tests.Support;

/// <summary>A client with one UDP session set up on a path: the usual start of an integration test.</summary>
public sealed class Playback : IAsyncDisposable
{
    private Playback(RtspTestClient client, RtpReceiver receiver, string url, string session, RtspResponse setup)
    {
        Client = client;
        Receiver = receiver;
        Url = url;
        Session = session;
        Setup = setup;
    }

    public RtspTestClient Client { get; }

    public RtpReceiver Receiver { get; }

    /// <summary>The aggregate URL (rtsp://host:port/path/).</summary>
    public string Url { get; }

    public string TrackUrl => Url + "stream=0";

    public string Session { get; }

    public RtspResponse Setup { get; }

    public static async Task<Playback> SetUpAsync(ServerProcess server, string path = "sample.mjpeg")
    {
        var client = await RtspTestClient.ConnectAsync(server.BaseUrl);
        var receiver = RtpReceiver.Create();
        string url = server.Url(path) + "/";
        var setup = await client.SetupUdpAsync(url + "stream=0", receiver);
        if (setup.StatusCode != 200)
            throw new InvalidOperationException($"SETUP answered {setup.StatusCode}");
        return new Playback(client, receiver, url, RtspTestClient.SessionId(setup), setup);
    }

    public Task<RtspResponse> PlayAsync(string? range = null) => Client.PlayAsync(Url, Session, range);

    public Task<RtspResponse> PauseAsync() => Client.PauseAsync(Url, Session);

    public Task<RtspResponse> TeardownAsync() => Client.TeardownAsync(Url, Session);

    public List<CapturedPacket> Packets() => RtpCapture.Parse(Receiver.Rtp);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Client.ServerClosed)
                await TeardownAsync();
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
        }
        await Client.DisposeAsync();
        Receiver.Dispose();
    }
}
