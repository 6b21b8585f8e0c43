using Rtsp.Soak.Sampling;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// The local UDP ports a process has open, read the way `ss -uap` does: the socket inodes in /proc/PID/fd matched
/// against /proc/net/udp. Proves from outside that a session's RTP/RTCP sockets are really closed.
/// </summary>
public static class ServerUdpSockets
{
    public static HashSet<int> Ports(int pid) =>
        ProcNetSockets.LocalPorts(ProcNetSockets.UdpTables, ProcNetSockets.SocketInodes(pid)).Values.ToHashSet();
}
