using Rtsp.Harness.Reports;

namespace Rtsp.Harness.Runner;

/// <summary>
/// What the harness knows about one named session of a scenario: its connection, CSeq counter, the session id the
/// server gave, the presentation from DESCRIBE, the streams set up, the media received and the last response.
/// </summary>
public sealed class SessionContext(
    string name, TargetInfo target, TimeSpan timeout, ClientPortRange clientPorts, PacketRecorder recorder, Action<TranscriptEntry> transcript) : IDisposable
{
    private RtspConnection? connection;

    public string Name { get; } = name;

    public int NextCSeq { get; set; } = 1;

    public string? SessionId { get; set; }

    public int? TimeoutSeconds { get; set; }

    public string? SdpText { get; set; }

    public string? ContentBase { get; set; }

    /// <summary>The aggregate (presentation) control URL: session-level a=control resolved, else Content-Base, else the target.</summary>
    public string? AggregateUrl { get; set; }

    /// <summary>Each media section's a=control resolved against Content-Base (RFC 2326 C.1.1), in SDP order.</summary>
    public IReadOnlyList<string> TrackUrls { get; set; } = [];

    public List<MediaStreamSetup> Streams { get; } = [];

    public MediaPacketLog Media { get; } = new();

    /// <summary>Where this session's UDP receivers bind (shared by every session of the scenario run).</summary>
    public ClientPortRange ClientPorts { get; } = clientPorts;

    /// <summary>Where this session's UDP receivers record media packets.</summary>
    public PacketRecorder RecorderForMedia { get; } = recorder;

    public ReceivedResponse? LastResponse { get; set; }

    /// <summary>Methods from the last OPTIONS Public header, or null if none was asked.</summary>
    public IReadOnlyList<string>? PublicMethods { get; set; }

    /// <summary>True once a PLAY of this session succeeded: only then is media owed to it.</summary>
    public bool Played { get; set; }

    /// <summary>When the last PAUSE was answered (ns), for the resume continuity check.</summary>
    public long? PausedAtNs { get; set; }

    /// <summary>When the PLAY that resumed after a PAUSE was sent (ns): the continuity point.</summary>
    public long? ResumeRequestNs { get; set; }

    /// <summary>Credentials and the challenge they answer, once a step authenticated: sent with every later request.</summary>
    public Scenarios.Credentials? Credentials { get; set; }

    public Rtsp.Protocol.Headers.WwwAuthenticateHeader? Challenge { get; set; }

    public RtspConnection Connection => connection ??= RtspConnection.Open(target.Host, target.Port, timeout, RecorderForMedia, transcript);

    public bool IsConnected => connection is not null;

    public void Disconnect()
    {
        connection?.Dispose();
        connection = null;
    }

    public void Dispose()
    {
        Disconnect();
        foreach (var stream in Streams)
        {
            stream.Udp?.Dispose();
        }
    }
}
