using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary><c>channel [ "-" channel ]</c> of <c>interleaved=</c> (RFC 2326 §12.39): the channel is the one-byte
/// id of the <c>$</c> frames, so 0-255. A reversed range parses; <see cref="IsValid"/> tells.</summary>
public readonly record struct ChannelRange(int Low, int? High = null)
{
    public const int MaxChannel = 255;

    public bool IsValid => Low is >= 0 and <= MaxChannel && (High is null || (High.Value <= MaxChannel && High.Value >= Low));

    public static ChannelRange Parse(string value) =>
        TryParse(value, out var range) ? range : throw new HeaderFormatException("Transport", value, "expected channel[-channel] with channels 0-255");

    public static bool TryParse(string? value, out ChannelRange range)
    {
        range = default;
        if (!NumberRange.TryParse(value, 3, MaxChannel, out var low, out var high))
        {
            return false;
        }

        range = new ChannelRange(low, high);
        return true;
    }

    public override string ToString() =>
        High is { } h ? $"{Low.ToString(CultureInfo.InvariantCulture)}-{h.ToString(CultureInfo.InvariantCulture)}" : Low.ToString(CultureInfo.InvariantCulture);
}
