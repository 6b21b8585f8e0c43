namespace Rtsp.Harness.Analysis.Payload;

/// <summary>The RTP/AVP static payload types (RFC 3551 §6, Tables 4 and 5): number -> encoding name and clock rate.</summary>
public static class StaticPayloadTypes
{
    private static readonly Dictionary<int, (string Name, int ClockRate)> Assigned = new()
    {
        [0] = ("PCMU", 8000), [3] = ("GSM", 8000), [4] = ("G723", 8000), [5] = ("DVI4", 8000), [6] = ("DVI4", 16000),
        [7] = ("LPC", 8000), [8] = ("PCMA", 8000), [9] = ("G722", 8000), [10] = ("L16", 44100), [11] = ("L16", 44100),
        [12] = ("QCELP", 8000), [13] = ("CN", 8000), [14] = ("MPA", 90000), [15] = ("G728", 8000), [16] = ("DVI4", 11025),
        [17] = ("DVI4", 22050), [18] = ("G729", 8000), [25] = ("CelB", 90000), [26] = ("JPEG", 90000), [28] = ("nv", 90000),
        [31] = ("H261", 90000), [32] = ("MPV", 90000), [33] = ("MP2T", 90000), [34] = ("H263", 90000),
    };

    /// <summary>The assigned format of a static payload type; false for dynamic, reserved and unassigned numbers.</summary>
    public static bool TryGet(int payloadType, out string name, out int clockRate)
    {
        bool found = Assigned.TryGetValue(payloadType, out var format);
        (name, clockRate) = format;
        return found;
    }
}
