using System.Net;
using Rtsp.Client;
using Rtsp.Client.Connection;
using Rtsp.Client.Transport;
using Rtsp.Protocol.Headers;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Soak.Load;

/// <summary>
/// The requests a soak client sends, over the reference client's <see cref="RtspConnection"/> (one request at a
/// time, each with a timeout, CSeq checked). A status other than the expected one throws
/// <see cref="SoakStepException"/> naming the step and the status, so errors can be counted by kind.
/// </summary>
public static class RtspExchange
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static async Task<RtspConnection> ConnectAsync(Uri server, CancellationToken cancel)
    {
        try
        {
            return await RtspConnection.ConnectAsync(server.Host, server.Port, RequestTimeout, cancel);
        }
        catch (RtspClientException e)
        {
            throw new SoakStepException("connect", e is RtspTimeoutException ? "timeout" : "refused", e.Message);
        }
    }

    /// <summary>UDP: the client_port pair; TCP: interleaved channels 0-1. Returns the session id.</summary>
    public static async Task<string> SetupAsync(RtspConnection connection, string trackUrl, UdpPortPair? udp, CancellationToken cancel)
    {
        var request = new RtspRequest(RtspMethods.Setup, trackUrl);
        request.Headers.Set("Transport", udp is null
            ? "RTP/AVP/TCP;unicast;interleaved=0-1"
            : $"RTP/AVP;unicast;client_port={udp.RtpPort}-{udp.RtcpPort}");
        var response = await SendAsync(connection, request, cancel);
        return response.Headers.Get(SessionHeader.Name) is { } session && SessionHeader.TryParse(session, out var parsed) && parsed is not null
            ? parsed.Id
            : throw new SoakStepException("SETUP", "no Session header", "SETUP was answered 200 without a usable Session header");
    }

    public static Task PlayAsync(RtspConnection connection, string aggregateUrl, string session, string range, CancellationToken cancel)
    {
        var request = new RtspRequest(RtspMethods.Play, aggregateUrl);
        request.Headers.Set(SessionHeader.Name, session);
        request.Headers.Set("Range", range);
        return SendAsync(connection, request, cancel);
    }

    public static Task TeardownAsync(RtspConnection connection, string aggregateUrl, string session, CancellationToken cancel)
    {
        var request = new RtspRequest(RtspMethods.Teardown, aggregateUrl);
        request.Headers.Set(SessionHeader.Name, session);
        return SendAsync(connection, request, cancel);
    }

    /// <summary>GET_PARAMETER naming the session, with no body: renews it (RFC 2326 10.8, 12.37).</summary>
    public static Task KeepAliveAsync(RtspConnection connection, string aggregateUrl, string session, CancellationToken cancel)
    {
        var request = new RtspRequest(RtspMethods.GetParameter, aggregateUrl);
        request.Headers.Set(SessionHeader.Name, session);
        return SendAsync(connection, request, cancel);
    }

    public static UdpPortPair AllocateUdp(int receiveBufferBytes) => UdpPortPair.Allocate(IPAddress.Loopback, receiveBufferBytes);

    private static async Task<RtspResponse> SendAsync(RtspConnection connection, RtspRequest request, CancellationToken cancel)
    {
        RtspResponse response;
        try
        {
            response = await connection.SendAsync(request, RequestTimeout, cancel);
        }
        catch (RtspTimeoutException e)
        {
            throw new SoakStepException(request.Method, "timeout", e.Message);
        }
        catch (RtspClientException e)
        {
            throw new SoakStepException(request.Method, "connection lost", e.Message);
        }
        return response.StatusCode == RtspStatus.Ok
            ? response
            : throw new SoakStepException(request.Method, $"{response.StatusCode} {response.ReasonPhrase}", $"{request.Method} was answered {response.StatusCode} {response.ReasonPhrase}");
    }
}
