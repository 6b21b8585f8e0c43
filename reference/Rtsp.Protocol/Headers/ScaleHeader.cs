namespace Rtsp.Protocol.Headers;

/// <summary>
/// Scale (RFC 2326 §12.34): <c>[ "-" ] 1*DIGIT [ "." *DIGIT ]</c>, the viewing rate relative to normal play (2 fast
/// forward, 0.5 slow motion, negative in reverse). "The response MUST contain the actual scale value chosen by the server."
/// </summary>
public readonly record struct ScaleHeader(double Ratio)
{
    public const string Name = "Scale";

    public static ScaleHeader Parse(string value) =>
        TryParse(value, out var header) ? header : throw new HeaderFormatException(Name, value, "expected [-]DIGITS[.DIGITS], e.g. 1 or -3.5");

    public static bool TryParse(string? value, out ScaleHeader header)
    {
        header = default;
        if (!DecimalRatio.TryParse(value, allowNegative: true, out var ratio))
        {
            return false;
        }

        header = new ScaleHeader(ratio);
        return true;
    }

    public override string ToString() => DecimalRatio.Format(Ratio);
}
