using System.Globalization;

namespace Rtsp.Protocol.Sdp;

/// <summary>Reading and checking the attribute values this library interprets (RFC 8866 §6).</summary>
internal static class SdpAttributeValues
{
    public static bool TryParseFrameRate(string? value, out double frameRate)
    {
        frameRate = 0;
        return value is not null
            && double.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out frameRate)
            && frameRate > 0 && double.IsFinite(frameRate);
    }

    public static string FormatFrameRate(double frameRate)
    {
        if (!(frameRate > 0) || !double.IsFinite(frameRate))
        {
            throw new ArgumentOutOfRangeException(nameof(frameRate), frameRate, "A frame rate is a positive finite number.");
        }
        return frameRate.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks the attributes whose values this library interprets, so a malformed one is reported with its line
    /// at parse time rather than silently ignored by a helper later.
    /// </summary>
    public static void Validate(SdpAttribute attribute, int line)
    {
        switch (attribute.Name)
        {
            case "rtpmap" when attribute.Value is null || !SdpRtpMap.TryParse(attribute.Value, out _):
                throw new SdpFormatException(line, $"a=rtpmap needs '<payload type> <encoding>/<clock rate>[/<params>]', e.g. '26 JPEG/90000'; got '{SdpText.Excerpt(attribute.Value ?? "")}'.");
            case "framerate" when !TryParseFrameRate(attribute.Value, out _):
                throw new SdpFormatException(line, $"a=framerate needs a positive decimal number, e.g. 25 or 29.97; got '{SdpText.Excerpt(attribute.Value ?? "")}'.");
            case "fmtp" when attribute.Value is null || !TrySplitFormatParameters(attribute.Value, out _, out _):
                throw new SdpFormatException(line, $"a=fmtp needs '<format> <parameters>'; got '{SdpText.Excerpt(attribute.Value ?? "")}'.");
        }
    }

    public static bool TrySplitFormatParameters(string value, out int format, out string parameters)
    {
        parameters = "";
        int space = value.IndexOf(' ', StringComparison.Ordinal);
        var formatText = space < 0 ? value : value[..space];
        if (!int.TryParse(formatText, NumberStyles.None, CultureInfo.InvariantCulture, out format))
        {
            return false;
        }
        parameters = space < 0 ? "" : value[(space + 1)..];
        return true;
    }
}
