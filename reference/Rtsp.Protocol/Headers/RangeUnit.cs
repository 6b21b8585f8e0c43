namespace Rtsp.Protocol.Headers;

/// <summary>The time format of a Range header (RFC 2326 §3.5-3.7).</summary>
public enum RangeUnit
{
    /// <summary>Normal play time, <c>npt=</c>.</summary>
    Npt,

    /// <summary>Absolute UTC time, <c>clock=</c>.</summary>
    Clock,

    /// <summary>SMPTE time codes, <c>smpte=</c>, <c>smpte-30-drop=</c>, <c>smpte-25=</c>.</summary>
    Smpte,
}
