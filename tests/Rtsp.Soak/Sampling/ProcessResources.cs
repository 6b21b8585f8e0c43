using System.Globalization;

namespace Rtsp.Soak.Sampling;

/// <summary>
/// Reads a Linux process's resources from /proc: resident memory and thread count (/proc/PID/status VmRSS and
/// Threads), open file descriptors (entries of /proc/PID/fd), and how many of those are UDP sockets (their
/// socket inodes looked up in /proc/net/udp and /proc/net/udp6, one line per bound UDP socket). Each reading also
/// sorts the descriptors by kind (UDP, TCP or other socket, pipe, eventfd, a file's path), so a growth can be named.
/// </summary>
public sealed class ProcessResources(int pid)
{
    public int Pid { get; } = pid;

    public bool IsAlive => Directory.Exists($"/proc/{Pid}");

    /// <summary>One reading; throws <see cref="IOException"/> (or a subclass) when the process is gone.</summary>
    public ProcessReading Read()
    {
        long rss = -1;
        int threads = -1;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = ParseNumber(line);
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                threads = (int)ParseNumber(line);
        }
        var socketInodes = new HashSet<long>();
        var kinds = new Dictionary<string, int>();
        int fds = 0;
        foreach (var entry in new DirectoryInfo($"/proc/{Pid}/fd").EnumerateFileSystemInfos())
        {
            fds++;
            string? target = ProcNetSockets.TryReadLink(entry.FullName);
            if (target is not null && ProcNetSockets.TryParseSocketInode(target, out long inode))
                socketInodes.Add(inode);
            else
                Add(kinds, target is null ? "closed while read" : target.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe" : target);
        }
        var udp = ProcNetSockets.LocalPorts(ProcNetSockets.UdpTables, socketInodes);
        var tcp = ProcNetSockets.LocalPorts(ProcNetSockets.TcpTables, socketInodes);
        kinds["UDP socket"] = udp.Count;
        kinds["TCP socket"] = tcp.Count;
        kinds["other socket"] = socketInodes.Count - udp.Count - tcp.Count;
        return new ProcessReading(rss, fds, threads, udp.Count, kinds);
    }

    private static void Add(Dictionary<string, int> kinds, string kind) => kinds[kind] = kinds.GetValueOrDefault(kind) + 1;

    private static long ParseNumber(string statusLine) =>
        long.Parse(statusLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
