using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Rtsp.Harness.Capture;

/// <summary>
/// Captures one interface with a BPF filter into a pcap file (nanosecond precision) while a scenario runs.
/// Sized per STACK.md: libpcap's defaults (64 KiB snaplen, 2 MiB buffer) leave ~16 ring slots and lose bursts
/// SILENTLY, so the snaplen is small and the buffer large.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    /// <summary>Enough for a 1400-byte RTP payload plus Ethernet/IPv6/TCP headers and interleaved framing.</summary>
    public const int Snaplen = 2048;

    public const int BufferSizeBytes = 64 * 1024 * 1024;

    private readonly LibPcapLiveDevice _device;
    private readonly CaptureFileWriterDevice _writer;
    private readonly Lock _writeLock = new();
    private long _written;
    private bool _stopped;
    private CaptureStatistics? _statistics;

    private LiveCapture(LibPcapLiveDevice device, CaptureFileWriterDevice writer)
    {
        _device = device;
        _writer = writer;
    }

    /// <summary>The pcap file being written.</summary>
    public required string PcapPath { get; init; }

    /// <summary>Opens <paramref name="interfaceName"/>, applies <paramref name="bpfFilter"/> and starts writing
    /// <paramref name="pcapPath"/>. Throws <see cref="CaptureUnavailableException"/> when capture is impossible.</summary>
    public static LiveCapture Start(string interfaceName, string bpfFilter, string pcapPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentException.ThrowIfNullOrEmpty(pcapPath);
        LibPcapLiveDevice device = FindDevice(interfaceName);
        try
        {
            device.Open(new DeviceConfiguration
            {
                Mode = DeviceModes.None,
                Snaplen = Snaplen,
                BufferSize = BufferSizeBytes,
                ReadTimeout = 100,
                Immediate = true,
                TimestampResolution = TimestampResolution.Nanosecond,
            });
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or InvalidOperationException)
        {
            throw new CaptureUnavailableException(
                $"cannot open {interfaceName} for capture ({e.Message}); run as root or grant CAP_NET_RAW " +
                "(setcap cap_net_raw,cap_net_admin=eip on the dotnet host), or use --capture socket", e);
        }

        try
        {
            device.Filter = bpfFilter;
        }
        catch (Exception e) when (e is PcapException or ArgumentException)
        {
            device.Close();
            throw new CaptureUnavailableException($"the capture filter '{bpfFilter}' was refused: {e.Message}", e);
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(pcapPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var writer = new CaptureFileWriterDevice(pcapPath, FileMode.Create);
        writer.Open(new DeviceConfiguration
        {
            LinkLayerType = device.LinkType,
            TimestampResolution = TimestampResolution.Nanosecond,
            Snaplen = Snaplen,
        });
        var capture = new LiveCapture(device, writer) { PcapPath = pcapPath };
        device.OnPacketArrival += capture.OnPacketArrival;
        device.StartCapture();
        return capture;
    }

    /// <summary>
    /// The interface whose address reaches <paramref name="target"/>: <c>lo</c> for loopback addresses, else the
    /// interface owning the local address the kernel routes from (a connected UDP socket sends nothing).
    /// </summary>
    public static string InterfaceFor(IPAddress target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (IPAddress.IsLoopback(target))
        {
            return LoopbackInterfaceName();
        }

        using var probe = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(new IPEndPoint(target, 9));
        var local = ((IPEndPoint)probe.LocalEndPoint!).Address;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.GetIPProperties().UnicastAddresses.Any(a => a.Address.Equals(local)))
            {
                return nic.Name;
            }
        }

        throw new CaptureUnavailableException($"no interface owns {local}, the address that reaches {target}; pass --interface");
    }

    /// <summary>Stops capturing, flushes the file and returns libpcap's counters.</summary>
    public CaptureStatistics Stop()
    {
        if (_statistics is not null)
        {
            return _statistics;
        }

        // Read the counters before closing: libpcap frees them with the handle.
        _device.StopCapture();
        ICaptureStatistics? stats = null;
        try
        {
            stats = _device.Statistics;
        }
        catch (PcapException)
        {
            // Some link types keep no statistics; the file is still complete.
        }

        lock (_writeLock)
        {
            _stopped = true;
            _writer.Close();
        }

        _device.OnPacketArrival -= OnPacketArrival;
        _device.Close();
        _statistics = new CaptureStatistics(
            stats?.ReceivedPackets ?? 0, stats?.DroppedPackets ?? 0, stats?.InterfaceDroppedPackets ?? 0, Interlocked.Read(ref _written));
        return _statistics;
    }

    public void Dispose() => Stop();

    private void OnPacketArrival(object sender, PacketCapture e)
    {
        // Write through a PcapHeader: CaptureFileWriterDevice.Write(RawCapture) rounds to microseconds (STACK.md).
        var data = e.Data;
        uint wireLength = e.Header is PcapHeader live ? live.PacketLength : (uint)data.Length;
        var pcapHeader = new PcapHeader(0, 0, wireLength, (uint)data.Length) { Timeval = e.Header.Timeval };
        lock (_writeLock)
        {
            if (_stopped)
            {
                return;
            }

            _writer.Write(data, ref pcapHeader);
            _written++;
        }
    }

    private static LibPcapLiveDevice FindDevice(string interfaceName)
    {
        LibPcapLiveDeviceList devices;
        try
        {
            devices = LibPcapLiveDeviceList.New();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or PcapException)
        {
            throw new CaptureUnavailableException(
                $"libpcap is not usable ({e.Message}); install it (apt-get install libpcap0.8) or use --capture socket", e);
        }

        return devices.FirstOrDefault(d => d.Name == interfaceName)
            ?? throw new CaptureUnavailableException(
                $"no capture interface named '{interfaceName}' (have: {string.Join(", ", devices.Select(d => d.Name))}); pass --interface");
    }

    private static string LoopbackInterfaceName() =>
        NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.NetworkInterfaceType == NetworkInterfaceType.Loopback)?.Name ?? "lo";
}
