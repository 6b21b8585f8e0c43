using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rtsp.Soak.Load;

/// <summary>SO_RCVBUFFORCE (root) goes past net.core.rmem_max (4 MiB here); without root the ordinary
/// SO_RCVBUF value (capped by the kernel) stays.</summary>
internal static partial class UdpBuffers
{
    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;

    public static void Force(Socket socket, int bytes)
    {
        if (setsockopt((int)socket.Handle, SolSocket, SoRcvBufForce, ref bytes, sizeof(int)) != 0)
            socket.ReceiveBufferSize = bytes;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsockopt(int socket, int level, int option, ref int value, int length);
}
