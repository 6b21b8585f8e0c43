using SharpPcap;
using SharpPcap.LibPcap;

namespace Rtsp.Harness.Capture;

/// <summary>
/// Reads the frames of a pcap (µs or ns magic) or pcapng file through libpcap, which understands all three, at
/// nanosecond precision.
/// </summary>
public static class CaptureFileSource
{
    /// <summary>Opens <paramref name="path"/>; returns the file's link type (DLT) and its frames in file order.</summary>
    public static (int LinkType, IEnumerable<CaptureFrame> Frames) Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no capture file at {path}", path);
        }

        var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException)
        {
            throw new CaptureFormatException($"{path} is not a pcap or pcapng file libpcap can read: {e.Message}", e);
        }

        return ((int)device.LinkType, ReadFrames(device));
    }

    private static IEnumerable<CaptureFrame> ReadFrames(CaptureFileReaderDevice device)
    {
        try
        {
            long number = 0;
            while (true)
            {
                GetPacketStatus status;
                PacketCapture capture;
                try
                {
                    status = device.GetNextPacket(out capture);
                }
                catch (PcapException e)
                {
                    throw new CaptureFormatException($"capture file damaged after frame {number}: {e.Message}", e);
                }

                if (status == GetPacketStatus.NoRemainingPackets)
                {
                    yield break;
                }

                if (status != GetPacketStatus.PacketRead)
                {
                    throw new CaptureFormatException($"capture file damaged after frame {number}: {device.LastError}");
                }

                number++;
                long ns = ToNanoseconds(capture.Header.Timeval, number);
                yield return new CaptureFrame(number, ns, capture.Data.ToArray());
            }
        }
        finally
        {
            device.Close();
        }
    }

    // PosixTimeval.Value is decimal seconds carrying the file's full (ns) precision. A damaged file can carry a
    // timestamp past what 64-bit nanoseconds hold (year 2262; found by afl-fuzz: FuzzCorpus/pcap-reader/crash-*).
    private static long ToNanoseconds(PosixTimeval timeval, long number)
    {
        decimal ns = timeval.Value * 1_000_000_000m;
        return ns is >= long.MinValue and <= long.MaxValue
            ? (long)ns
            : throw new CaptureFormatException($"capture file damaged: frame {number} has a timestamp out of range ({timeval.Value} s)");
    }
}
