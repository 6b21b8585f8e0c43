namespace Rtsp.Protocol.Headers;

/// <summary>
/// Speed (RFC 2326 §12.35): <c>1*DIGIT [ "." *DIGIT ]</c>, the delivery rate relative to the stream's bit rate.
/// "A speed of zero is invalid", so zero does not parse either.
/// </summary>
public readonly record struct SpeedHeader(double Ratio)
{
    public const string Name = "Speed";

    public static SpeedHeader Parse(string value) =>
        TryParse(value, out var header) ? header : throw new HeaderFormatException(Name, value, "expected DIGITS[.DIGITS] above zero, e.g. 2.5");

    public static bool TryParse(string? value, out SpeedHeader header)
    {
        header = default;
        if (!DecimalRatio.TryParse(value, allowNegative: false, out var ratio) || ratio == 0)
        {
            return false;
        }

        header = new SpeedHeader(ratio);
        return true;
    }

    public override string ToString() => DecimalRatio.Format(Ratio);
}
