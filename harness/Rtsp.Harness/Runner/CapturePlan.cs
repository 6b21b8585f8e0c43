using System.Net;
using Rtsp.Harness.Capture;
using Rtsp.Harness.Targets;

namespace Rtsp.Harness.Runner;

/// <summary>
/// How one run obtains its packets. In pcap mode each scenario run is captured with SharpPcap into
/// <c>captures/&lt;run&gt;/&lt;scenario&gt;-&lt;transport&gt;.pcap</c>, filtered to the target's RTSP port and the run's own
/// UDP receive ports. In auto mode the first capture that cannot start switches the run to socket mode for good, and
/// <see cref="Description"/> says why, so the report never claims kernel timestamps it does not have.
/// </summary>
public sealed class CapturePlan(CaptureMode requested, string? interfaceName, string captureFolder)
{
    private static readonly TimeSpan FilterSettle = TimeSpan.FromMilliseconds(200);

    private string? fallbackReason;

    public bool UsesPcap => requested != CaptureMode.Socket && fallbackReason is null;

    /// <summary>What the report shows as the capture mode.</summary>
    public string Description => requested == CaptureMode.Socket ? "socket"
        : fallbackReason is null ? "pcap"
        : $"socket (pcap unavailable: {fallbackReason})";

    public string CaptureFolder { get; } = captureFolder;

    /// <summary>Starts capturing one scenario run; null in socket mode.</summary>
    /// <exception cref="HarnessEnvironmentException">--capture pcap was asked for and capture cannot start.</exception>
    public LiveCapture? Begin(TargetInfo target, ClientPortRange ports, string fileName)
    {
        if (!UsesPcap)
        {
            return null;
        }

        try
        {
            var address = Dns.GetHostAddresses(target.Host).First();
            var device = interfaceName ?? LiveCapture.InterfaceFor(address);
            var filter = $"host {address} and (tcp port {target.Port} or udp portrange {ports.Low}-{ports.High})";
            var capture = LiveCapture.Start(device, filter, Path.Combine(CaptureFolder, fileName));

            // The filter is not live on the socket the instant StartCapture returns: the first request would be lost.
            Thread.Sleep(FilterSettle);
            return capture;
        }
        catch (CaptureUnavailableException e) when (requested == CaptureMode.Auto)
        {
            fallbackReason = e.Message;
            return null;
        }
        catch (CaptureUnavailableException e)
        {
            throw new HarnessEnvironmentException($"--capture pcap: {e.Message}");
        }
    }
}
