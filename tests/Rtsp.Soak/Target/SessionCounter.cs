using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rtsp.Client;
using Rtsp.Client.Connection;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Soak.Target;

/// <summary>
/// Asks the reference server how many sessions it holds (its admin query: GET_PARAMETER on the root with body
/// `sessions`, answered `sessions: N`), over one connection kept open for the whole run — so the query adds the
/// same one file descriptor to every sample. A server without the query (an external target) gives null.
/// </summary>
public sealed partial class SessionCounter(Uri server) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private RtspConnection? _connection;
    private bool _unsupported;

    public async Task<int?> CountAsync(CancellationToken cancel)
    {
        if (_unsupported)
            return null;
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                    await _connection.DisposeAsync();
                _connection = await RtspConnection.ConnectAsync(server.Host, server.Port, Timeout, cancel);
            }
            var request = new RtspRequest(RtspMethods.GetParameter, server.ToString()) { Body = Encoding.ASCII.GetBytes("sessions") };
            request.Headers.Set("Content-Type", "text/parameters");
            var response = await _connection.SendAsync(request, Timeout, cancel);
            var match = SessionsLine().Match(Encoding.UTF8.GetString(response.Body));
            if (response.StatusCode == RtspStatus.Ok && match.Success)
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            _unsupported = true;
            return null;
        }
        catch (RtspClientException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    [GeneratedRegex(@"sessions:\s*(\d+)")]
    private static partial Regex SessionsLine();
}
