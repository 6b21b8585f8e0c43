using System.Globalization;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// <c>port [ "-" port ]</c> of a Transport parameter (RFC 2326 §12.39). Parsing only rejects what is not a port
/// number (non-numeric, above 65535); port 0 and reversed ranges parse, so a server can answer them itself
/// (see <see cref="IsValid"/>): a client asking for <c>client_port=0</c> is a request the server must judge.
/// </summary>
public readonly record struct PortRange(int Low, int? High = null)
{
    public const int MaxPort = 65535;

    /// <summary>Ports 1-65535 and, when there is a high end, Low &lt;= High.</summary>
    public bool IsValid => Low is > 0 and <= MaxPort && (High is null || (High.Value is > 0 and <= MaxPort && High.Value >= Low));

    public static PortRange Parse(string value) =>
        TryParse(value, out var range) ? range : throw new HeaderFormatException("Transport", value, "expected port[-port] with ports 0-65535");

    public static bool TryParse(string? value, out PortRange range)
    {
        range = default;
        if (!NumberRange.TryParse(value, 5, MaxPort, out var low, out var high))
        {
            return false;
        }

        range = new PortRange(low, high);
        return true;
    }

    public override string ToString() =>
        High is { } h ? $"{Low.ToString(CultureInfo.InvariantCulture)}-{h.ToString(CultureInfo.InvariantCulture)}" : Low.ToString(CultureInfo.InvariantCulture);
}
