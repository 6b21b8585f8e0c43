namespace Rtsp.Protocol.Headers;

/// <summary>Transport (RFC 2326 §12.39): <c>1#transport-spec</c>, the client's alternatives in order of
/// preference, or the one the server chose.</summary>
public sealed record TransportHeader(IReadOnlyList<TransportSpec> Specs)
{
    public const string Name = "Transport";

    public TransportHeader(params TransportSpec[] specs)
        : this((IReadOnlyList<TransportSpec>)specs)
    {
    }

    public static TransportHeader Parse(string value)
    {
        if (!TryParse(value, out var header, out var error))
        {
            throw new HeaderFormatException(Name, value, error!);
        }

        return header!;
    }

    public static bool TryParse(string? value, out TransportHeader? header) => TryParse(value, out header, out _);

    private static bool TryParse(string? value, out TransportHeader? header, out string? error)
    {
        header = null;
        error = "missing";
        if (value is null)
        {
            return false;
        }

        var specs = new List<TransportSpec>();
        foreach (var part in HeaderParsing.SplitOutsideQuotes(value, ','))
        {
            if (part.Trim().Length == 0)
            {
                continue;
            }

            if (!TransportSpec.TryParse(part, out var spec, out error))
            {
                return false;
            }

            specs.Add(spec!);
        }

        if (specs.Count == 0)
        {
            error = "no transport spec";
            return false;
        }

        header = new TransportHeader(specs);
        return true;
    }

    public bool Equals(TransportHeader? other) => other is not null && Specs.SequenceEqual(other.Specs);

    public override int GetHashCode() => Specs.Count;

    public override string ToString() => string.Join(",", Specs);
}
