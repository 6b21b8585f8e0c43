namespace Rtsp.Protocol.Headers;

/// <summary>
/// A client's Transport header (RFC 2326 §12.39) as a server reads it: the alternatives this library can represent,
/// in the client's order, and those that are well-formed but name a lower transport it does not know
/// (<c>RTP/AVP/SCTP</c>, <c>RTP/AVP/DCCP</c>, <c>RTP/SAVP/FOO</c>). A server skips the latter and answers 461
/// Unsupported Transport when nothing usable is left (clients rely on 461 to fall back, e.g. from UDP to TCP);
/// only a header that breaks the grammar is a 400.
/// </summary>
public sealed record TransportOffer(IReadOnlyList<TransportSpec> Known, IReadOnlyList<string> UnknownLowerTransports)
{
    /// <summary>Parses the list; false (with the reason) when an alternative is not a transport-spec at all.</summary>
    public static bool TryParse(string? value, out TransportOffer? offer, out string? error)
    {
        offer = null;
        error = "missing";
        if (value is null)
        {
            return false;
        }

        var known = new List<TransportSpec>();
        var unknown = new List<string>();
        foreach (var part in HeaderParsing.SplitOutsideQuotes(value, ','))
        {
            if (part.Trim().Length == 0)
            {
                continue;
            }

            if (TransportSpec.TryParse(part, out var spec, out error))
            {
                known.Add(spec!);
            }
            else if (NamesUnknownLowerTransport(part))
            {
                unknown.Add(part.Trim());
            }
            else
            {
                return false;
            }
        }

        if (known.Count + unknown.Count == 0)
        {
            error = "no transport spec";
            return false;
        }

        error = null;
        offer = new TransportOffer(known, unknown);
        return true;
    }

    /// <summary>
    /// True for <c>token/token/token</c> whose third token is neither UDP nor TCP and whose parameters still follow
    /// the grammar (checked by parsing them after a known protocol, so a broken parameter stays a 400).
    /// </summary>
    private static bool NamesUnknownLowerTransport(string part)
    {
        int semicolon = part.IndexOf(';', StringComparison.Ordinal);
        var protocol = (semicolon < 0 ? part : part[..semicolon]).Trim().Split('/');
        if (protocol.Length != 3 || !protocol.All(p => HeaderParsing.IsToken(p))
            || protocol[2].Equals("UDP", StringComparison.OrdinalIgnoreCase) || protocol[2].Equals("TCP", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return TransportSpec.TryParse("RTP/AVP" + (semicolon < 0 ? "" : part[semicolon..]), out _, out _);
    }
}
