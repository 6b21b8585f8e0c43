using System.Globalization;

namespace Rtsp.Soak.Sampling;

/// <summary>
/// Which of a process's sockets a kernel table lists (/proc/net/udp, udp6, tcp, tcp6: one line per socket,
/// "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."), the way `ss -uap` matches them.
/// Shared by the soak sampler and the server tests' port-release checks (linked into Rtsp.Server.Tests).
/// </summary>
public static class ProcNetSockets
{
    public static readonly string[] UdpTables = ["/proc/net/udp", "/proc/net/udp6"];

    public static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>The inodes of <paramref name="inodes"/> listed in <paramref name="tables"/>, each with its local port.</summary>
    public static Dictionary<long, int> LocalPorts(IEnumerable<string> tables, IReadOnlySet<long> inodes)
    {
        var found = new Dictionary<long, int>();
        foreach (var table in tables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out long inode) && inodes.Contains(inode))
                    found[inode] = int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }
        return found;
    }

    /// <summary>The socket inodes among <paramref name="pid"/>'s open descriptors ("socket:[INODE]" links).</summary>
    public static HashSet<long> SocketInodes(int pid)
    {
        var inodes = new HashSet<long>();
        foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
        {
            if (TryReadLink(fd) is { } target && TryParseSocketInode(target, out long inode))
                inodes.Add(inode);
        }
        return inodes;
    }

    /// <summary>The link of one /proc/PID/fd entry; null when the descriptor closed between listing and reading.</summary>
    public static string? TryReadLink(string fdPath)
    {
        try
        {
            return new FileInfo(fdPath).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A socket's link reads "socket:[INODE]" (a pipe's "pipe:[INODE]", an eventfd "anon_inode:[eventfd]").</summary>
    public static bool TryParseSocketInode(string target, out long inode)
    {
        inode = 0;
        return target.StartsWith("socket:[", StringComparison.Ordinal)
            && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }
}
