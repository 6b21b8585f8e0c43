using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rtsp.Server.Tests.Support;

/// <summary>
/// When the kernel received the datagram a socket returned last (Linux SIOCGSTAMPNS, CLOCK_REALTIME ns): the moment
/// it reached the machine, whatever the reading thread was doing. On loopback the kernel stamps a datagram as the
/// sender's send call hands it over, so the stamp is the server's send time, not the test process's scheduling.
/// </summary>
public static partial class KernelReceiveTime
{
    /// <summary>SIOCGSTAMPNS (asm-generic/sockios.h), with a 64-bit timespec on 64-bit Linux.</summary>
    private const nuint SiocGStampNs = 0x8907;

    /// <summary>
    /// Turns stamping on for <paramref name="socket"/>. Call before any datagram arrives: the kernel starts stamping
    /// on the first SIOCGSTAMPNS, and for a datagram it did not stamp the ioctl answers the current time instead.
    /// </summary>
    public static bool Enable(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        Read(socket);
        return true;
    }

    /// <summary>The kernel's receive time of the datagram last read from <paramref name="socket"/>; null when unknown.</summary>
    public static long? Read(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        bool added = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref added);
            return Ioctl(socket.SafeHandle.DangerousGetHandle(), SiocGStampNs, out var time) == 0
                ? time.Seconds * 1_000_000_000 + time.Nanoseconds
                : null;
        }
        finally
        {
            if (added)
                socket.SafeHandle.DangerousRelease();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(nint fd, nuint request, out Timespec time);
}
