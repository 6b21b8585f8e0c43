using System.Diagnostics;
using System.Net;
using Rtsp.Client.Media;
using Rtsp.Protocol.Rtcp;

namespace Rtsp.Client.Rtcp;

/// <summary>
/// The client's RTCP side (RFC 3550 §6): reads what the server sends (sender reports, for the LSR/DLSR of our
/// report blocks; BYE, which ends the stream) and builds receiver reports, each compound with an SDES CNAME as
/// §6.1 requires. Our SSRC is random (§8.1) and our CNAME is <c>rtsp-ref-XXXXXXXX@host</c> (§6.5.1, user@host).
/// </summary>
public sealed class RtcpReporter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, (uint Lsr, long ArrivalTicks)> _lastSenderReports = [];
    private volatile bool _byeReceived;
    private int _reportsSent;

    public RtcpReporter(string? host = null)
    {
        Ssrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        Cname = $"rtsp-ref-{Ssrc:x8}@{host ?? Dns.GetHostName()}";
    }

    public uint Ssrc { get; }

    public string Cname { get; }

    public int ReportsSent => _reportsSent;

    public int SenderReportsReceived { get; private set; }

    public int MalformedReceived { get; private set; }

    public bool ByeReceived => _byeReceived;

    public void ClearBye() => _byeReceived = false;

    /// <summary>The next report interval in Stopwatch ticks: <paramref name="period"/> times a random factor in
    /// [0.5, 1.5] (RFC 3550 §6.3.1) so that many receivers do not report in step.</summary>
    public long NextInterval(TimeSpan period)
        => (long)(period.TotalSeconds * (0.5 + Random.Shared.NextDouble()) * Stopwatch.Frequency);

    public void OnIncoming(ReadOnlySpan<byte> data)
    {
        if (!RtcpCompoundPacket.TryParse(data, out var packets, out _) || packets is null)
        {
            MalformedReceived++;
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var packet in packets)
        {
            switch (packet)
            {
                case RtcpSenderReport report:
                    lock (_gate)
                    {
                        _lastSenderReports[report.Ssrc] = (report.NtpTimestamp.Middle32, now);
                        SenderReportsReceived++;
                    }

                    break;
                case RtcpGoodbye:
                    _byeReceived = true;
                    break;
            }
        }
    }

    /// <summary>RR with one report block for <paramref name="reception"/> (LSR and DLSR from the sender's last SR,
    /// zero when none came, §6.4.1), followed by SDES CNAME.</summary>
    public byte[] BuildReceiverReport(ReceptionReport reception)
    {
        uint lsr = 0;
        uint dlsr = 0;
        lock (_gate)
        {
            if (_lastSenderReports.TryGetValue(reception.SenderSsrc, out var last))
            {
                lsr = last.Lsr;
                dlsr = RtcpReportBlock.ToDelayUnits(Stopwatch.GetElapsedTime(last.ArrivalTicks));
            }
        }

        var report = new RtcpReceiverReport
        {
            Ssrc = Ssrc,
            ReportBlocks =
            [
                new RtcpReportBlock
                {
                    Ssrc = reception.SenderSsrc,
                    FractionLost = reception.FractionLost,
                    CumulativeLost = RtcpReportBlock.ClampCumulativeLost(reception.CumulativeLost),
                    ExtendedHighestSequence = reception.ExtendedHighestSequence,
                    Jitter = reception.Jitter,
                    LastSenderReport = lsr,
                    DelaySinceLastSenderReport = dlsr,
                },
            ],
        };
        Interlocked.Increment(ref _reportsSent);
        return RtcpCompoundPacket.Serialize([report, RtcpSourceDescription.ForCname(Ssrc, Cname)]);
    }
}
