using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Sessions;
using Rtsp.Server.Transport;

namespace Rtsp.Server.Limits;

/// <summary>
/// What the sessions set up over one connection may hold: <see cref="ServerLimits.MaxSessionsPerConnection"/> live
/// sessions and <see cref="ServerLimits.MaxRtpPortsPerConnection"/> server UDP ports (a UDP session holds an RTP/RTCP
/// pair, an interleaved one none). Reaching either answers 453 Not Enough Bandwidth (RFC 2326 11.3.5: the resources
/// for the stream are not there). Counts are taken from the sessions themselves, so a TEARDOWN, a timeout or a
/// transport change frees quota with no bookkeeping here.
/// </summary>
public sealed class ConnectionQuota
{
    private const int PortsPerUdpSession = 2;

    private readonly int _maxSessions;
    private readonly int _maxPorts;
    private readonly string _client;
    private readonly LimitLog _log;
    private readonly List<RtspSession> _sessions = [];

    public ConnectionQuota(int maxSessions, int maxPorts, string client, LimitLog log)
    {
        _maxSessions = maxSessions;
        _maxPorts = maxPorts;
        _client = client;
        _log = log;
    }

    /// <summary>Null when one more session may be set up over this connection; else the 453 to answer.</summary>
    public RtspResponse? RefuseNewSession()
    {
        int live;
        lock (_sessions)
        {
            _sessions.RemoveAll(s => s.IsDisposed);
            live = _sessions.Count;
        }
        if (live < _maxSessions)
            return null;
        return Refuse(ServerLimits.MaxSessionsPerConnectionOption, _maxSessions, $"{live} sessions set up over this connection are live");
    }

    /// <summary>
    /// Null when a UDP transport may be set up (for a new session, or for <paramref name="replacing"/> whose own
    /// ports are then given back); else the 453 to answer.
    /// </summary>
    public RtspResponse? RefuseUdpPorts(RtspSession? replacing)
    {
        int held;
        lock (_sessions)
        {
            _sessions.RemoveAll(s => s.IsDisposed);
            held = _sessions.Where(s => s != replacing).Sum(PortsHeld);
        }
        if (held + PortsPerUdpSession <= _maxPorts)
            return null;
        return Refuse(ServerLimits.MaxRtpPortsPerConnectionOption, _maxPorts, $"sessions set up over this connection hold {held} server UDP ports");
    }

    /// <summary>Counts <paramref name="session"/> against this connection from now until it ends.</summary>
    public void Add(RtspSession session)
    {
        lock (_sessions)
            _sessions.Add(session);
    }

    private static int PortsHeld(RtspSession session) => session.Sink is UdpRtpSink ? PortsPerUdpSession : 0;

    private RtspResponse Refuse(string option, int limit, string state)
    {
        _log.Reached(option, limit.ToString(System.Globalization.CultureInfo.InvariantCulture), _client, $"SETUP answered 453 ({state})");
        return LimitResponse.Create(RtspStatus.NotEnoughBandwidth, $"{option} {limit} reached: {state}; end one with TEARDOWN first");
    }
}
