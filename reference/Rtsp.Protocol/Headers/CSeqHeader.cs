using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary>CSeq (RFC 2326 §12.17): <c>1*DIGIT</c>, the sequence number that pairs a response with its request.</summary>
public readonly record struct CSeqHeader(long Value)
{
    public const string Name = "CSeq";

    // 18 digits always fit a long; longer "numbers" are an attack, not a counter.
    private const int MaxDigits = 18;

    public static CSeqHeader Parse(string value) =>
        TryParse(value, out var header) ? header : throw new HeaderFormatException(Name, value, "not a non-negative integer of at most 18 digits");

    public static bool TryParse(string? value, out CSeqHeader header)
    {
        header = default;
        if (value is null || !HeaderParsing.TryParseDigits(value.AsSpan().Trim(), MaxDigits, long.MaxValue, out var number))
        {
            return false;
        }

        header = new CSeqHeader(number);
        return true;
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
