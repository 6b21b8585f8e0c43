using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rtsp.Server.Benchmarks;

/// <summary>
/// A UDP socket read with recvmsg(2) and SO_TIMESTAMPNS: each datagram comes with the kernel's receive time
/// (CLOCK_REALTIME ns). On loopback the kernel stamps a datagram while the sender's send call hands it over, so the
/// stamp is the server's departure time, whatever this process's reading thread was doing. (The harness has its
/// own receiver; the benchmarks do not depend on the harness.)
/// </summary>
internal sealed unsafe partial class KernelStampedReceiver : IDisposable
{
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35; // also SCM_TIMESTAMPNS, the control message type
    private const int SoRcvBufForce = 33;
    private const int ControlBytes = 64;

    private readonly Socket _socket;

    public KernelStampedReceiver(int receiveBufferBytes)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        int one = 1;
        if (SetSockOpt(_socket.Handle, SolSocket, SoTimestampNs, &one, sizeof(int)) != 0)
            throw new InvalidOperationException($"SO_TIMESTAMPNS refused (errno {Marshal.GetLastPInvokeError()})");
        // SO_RCVBUFFORCE (root) beats net.core.rmem_max, so a scheduling hiccup of the reader does not drop packets.
        if (SetSockOpt(_socket.Handle, SolSocket, SoRcvBufForce, &receiveBufferBytes, sizeof(int)) != 0)
            _socket.ReceiveBufferSize = receiveBufferBytes;
        // recvmsg returns EAGAIN after this long without a datagram, so the reader can notice it is asked to stop.
        _socket.ReceiveTimeout = 200;
    }

    /// <summary>Binds an even RTP port on 127.0.0.1 and the odd one after it (RTCP, drained by nobody); returns the RTP port.</summary>
    public int BindEvenPair(out Socket rtcp)
    {
        for (int port = 30000; port < 40000; port += 2)
        {
            var candidate = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                candidate.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rtcp = candidate;
                return port;
            }
            catch (SocketException)
            {
                candidate.Dispose();
            }
        }
        throw new InvalidOperationException("no free UDP port pair in 30000-39999");
    }

    /// <summary>
    /// The next datagram into <paramref name="buffer"/>: its length and kernel receive time, 0 after the receive
    /// timeout with nothing, -1 once the socket is closed or fails.
    /// </summary>
    public int Receive(byte[] buffer, out long kernelNs)
    {
        kernelNs = 0;
        byte* control = stackalloc byte[ControlBytes];
        fixed (byte* data = buffer)
        {
            var iov = new IoVec { Base = data, Length = (nuint)buffer.Length };
            var message = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
            nint read = RecvMsg(_socket.Handle, &message, 0);
            if (read < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno is 11 or 4 ? 0 : -1; // EAGAIN (timeout), EINTR
            }
            // cmsghdr: size_t len, int level, int type, then the data (a 64-bit timespec).
            for (byte* c = control; c + 16 <= control + (int)message.ControlLength;)
            {
                ulong length = *(ulong*)c;
                if (length < 16)
                    break;
                if (*(int*)(c + 8) == SolSocket && *(int*)(c + 12) == SoTimestampNs)
                    kernelNs = *(long*)(c + 16) * 1_000_000_000 + *(long*)(c + 24);
                c += (int)((length + 7) & ~7UL);
            }
            return (int)read;
        }
    }

    public void Dispose() => _socket.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr of 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint RecvMsg(nint socket, MsgHdr* message, int flags);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(nint socket, int level, int option, void* value, int length);
}
