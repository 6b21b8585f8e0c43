using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rtsp.Harness.Runner;

/// <summary>
/// Reads datagrams with Linux <c>recvmsg</c> so each comes with the kernel's receive time (SO_TIMESTAMPNS, taken when the
/// datagram reached the socket, whatever the reading thread was doing) and the socket's drop counter (SO_RXQ_OVFL: how
/// many datagrams the kernel discarded on a full receive buffer so far). <see cref="Socket.ReceiveMessageFrom"/> gives
/// only packet info, not these control messages. Native buffers are allocated once per socket.
/// </summary>
public sealed class KernelStampedDatagrams : IDisposable
{
    // asm-generic/socket.h (x86-64 and arm64 alike). SCM_TIMESTAMPNS equals SO_TIMESTAMPNS (the 64-bit timespec form).
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35;
    private const int SoRxqOvfl = 40;
    private const int Eagain = 11;
    private const int Eintr = 4;
    private const int ControlBytes = 128;
    private const int NameBytes = 16;

    private readonly Socket _socket;
    private readonly nint _buffer;
    private readonly int _bufferLength;
    private readonly nint _name;
    private readonly nint _iov;
    private readonly nint _control;
    private bool _disposed;

    private KernelStampedDatagrams(Socket socket, int bufferLength)
    {
        _socket = socket;
        _bufferLength = bufferLength;
        _buffer = Marshal.AllocHGlobal(bufferLength);
        _name = Marshal.AllocHGlobal(NameBytes);
        _iov = Marshal.AllocHGlobal(2 * IntPtr.Size);
        _control = Marshal.AllocHGlobal(ControlBytes);
        Marshal.WriteIntPtr(_iov, 0, _buffer);
        Marshal.WriteIntPtr(_iov, IntPtr.Size, bufferLength);
    }

    /// <summary>Turns on both control messages for an IPv4 UDP <paramref name="socket"/>; null where the platform has no
    /// recvmsg with them (not Linux), and the caller falls back to user-space times and no drop count.</summary>
    public static KernelStampedDatagrams? TryEnable(Socket socket, int bufferLength = 65536)
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8 || socket.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        Span<byte> on = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(on, 1);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoTimestampNs, on);
            socket.SetRawSocketOption(SolSocket, SoRxqOvfl, on);
        }
        catch (SocketException)
        {
            return null;
        }

        return new KernelStampedDatagrams(socket, bufferLength);
    }

    /// <summary>
    /// Waits for one datagram (at most the socket's ReceiveTimeout). Returns false on a timeout; throws
    /// <see cref="ObjectDisposedException"/> once the socket is closed.
    /// </summary>
    public bool TryReceive(out Datagram datagram)
    {
        datagram = default;
        bool added = false;
        try
        {
            // Keeps the descriptor open while recvmsg uses it: a Dispose on another thread waits for the release.
            _socket.SafeHandle.DangerousAddRef(ref added);
            var header = new MsgHdr
            {
                Name = _name,
                NameLength = NameBytes,
                Iov = _iov,
                IovLength = 1,
                Control = _control,
                ControlLength = ControlBytes,
            };
            long n = RecvMsg(_socket.SafeHandle.DangerousGetHandle(), ref header, 0);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is Eagain or Eintr)
                {
                    return false;
                }

                throw new SocketException(errno);
            }

            var data = new byte[n];
            Marshal.Copy(_buffer, data, 0, (int)Math.Min(n, _bufferLength));
            var (kernelNs, drops) = ReadControl((long)header.ControlLength);
            datagram = new Datagram(data, ReadSource(), kernelNs, drops);
            return true;
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    private IPEndPoint ReadSource()
    {
        Span<byte> sockaddr = stackalloc byte[NameBytes];
        for (int i = 0; i < NameBytes; i++)
        {
            sockaddr[i] = Marshal.ReadByte(_name, i);
        }

        // struct sockaddr_in: family (host order), port (network order), address (network order).
        int port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]);
        return new IPEndPoint(new IPAddress(sockaddr.Slice(4, 4)), port);
    }

    private (long? KernelNs, uint? Drops) ReadControl(long length)
    {
        long? kernelNs = null;
        uint? drops = null;
        long offset = 0;
        // struct cmsghdr: size_t cmsg_len, int cmsg_level, int cmsg_type, then data aligned to 8 (CMSG_ALIGN).
        while (offset + 16 <= length)
        {
            long cmsgLength = Marshal.ReadInt64(_control, (int)offset);
            int level = Marshal.ReadInt32(_control, (int)offset + 8);
            int type = Marshal.ReadInt32(_control, (int)offset + 12);
            if (cmsgLength < 16)
            {
                break;
            }

            if (level == SolSocket && type == SoTimestampNs && cmsgLength >= 32)
            {
                kernelNs = Marshal.ReadInt64(_control, (int)offset + 16) * 1_000_000_000 + Marshal.ReadInt64(_control, (int)offset + 24);
            }
            else if (level == SolSocket && type == SoRxqOvfl && cmsgLength >= 20)
            {
                drops = unchecked((uint)Marshal.ReadInt32(_control, (int)offset + 16));
            }

            offset += (cmsgLength + 7) & ~7L;
        }

        return (kernelNs, drops);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Marshal.FreeHGlobal(_buffer);
        Marshal.FreeHGlobal(_name);
        Marshal.FreeHGlobal(_iov);
        Marshal.FreeHGlobal(_control);
    }

    /// <param name="KernelRealtimeNs">CLOCK_REALTIME ns at which the kernel took the datagram; null if it gave none.</param>
    /// <param name="DropCounter">The socket's cumulative drop counter when this datagram was queued; null if none came.</param>
    public readonly record struct Datagram(byte[] Data, IPEndPoint Source, long? KernelRealtimeNs, uint? DropCounter);

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public nint Name;
        public uint NameLength;
        public nint Iov;
        public nuint IovLength;
        public nint Control;
        public nuint ControlLength;
        public int Flags;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this project; the struct is blittable.
    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static extern nint RecvMsg(nint socket, ref MsgHdr message, int flags);
#pragma warning restore SYSLIB1054
}
