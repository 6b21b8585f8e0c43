using System.Globalization;
using System.Text;

namespace Rtsp.Protocol.Headers;

/// <summary>
/// One transport alternative of a Transport header (RFC 2326 §12.39):
/// <c>transport-protocol/profile[/lower-transport] *(";" parameter)</c>.
/// </summary>
/// <remarks>
/// <see cref="Parse"/> enforces the grammar (numbers, hex, ranges 0-65535 / 0-255, no duplicated parameter) and
/// keeps unknown parameters in order. What is well-formed but unusable — port 0, a reversed range, interleaved over
/// UDP — is reported by <see cref="Validate"/>, so the server chooses the answer (400, or 461 Unsupported transport).
/// </remarks>
public sealed record TransportSpec
{
    public string Protocol { get; init; } = "RTP";

    public string Profile { get; init; } = "AVP";

    /// <summary>UDP unless the spec says <c>/TCP</c>; formatted as <c>RTP/AVP</c> for UDP, <c>RTP/AVP/TCP</c> for TCP.</summary>
    public LowerTransport LowerTransport { get; init; } = LowerTransport.Udp;

    /// <summary>True for <c>unicast</c>, false for <c>multicast</c>, null when the spec says neither.</summary>
    public bool? Unicast { get; init; }

    /// <summary>The <c>destination</c> address; the empty string for a bare <c>;destination</c>.</summary>
    public string? Destination { get; init; }

    public string? Source { get; init; }

    public PortRange? ClientPort { get; init; }

    public PortRange? ServerPort { get; init; }

    /// <summary>The multicast <c>port</c> parameter.</summary>
    public PortRange? Port { get; init; }

    public ChannelRange? Interleaved { get; init; }

    public uint? Ssrc { get; init; }

    /// <summary>The method(s) of <c>mode</c>, without quotes (e.g. <c>PLAY</c> or <c>RECORD</c>).</summary>
    public string? Mode { get; init; }

    public int? Ttl { get; init; }

    public int? Layers { get; init; }

    public bool Append { get; init; }

    /// <summary>Parameters this type does not know, in order, kept so a proxy or a report can show them.</summary>
    public IReadOnlyList<(string Name, string? Value)> OtherParameters { get; init; } = [];

    public static TransportSpec Parse(string value)
    {
        if (!TryParse(value, out var spec, out var error))
        {
            throw new HeaderFormatException(TransportHeader.Name, value, error!);
        }

        return spec!;
    }

    public static bool TryParse(string? value, out TransportSpec? spec) => TryParse(value, out spec, out _);

    internal static bool TryParse(string? value, out TransportSpec? spec, out string? error)
    {
        spec = null;
        error = null;
        if (value is null)
        {
            error = "missing";
            return false;
        }

        var parts = HeaderParsing.SplitOutsideQuotes(value, ';');
        var protocolParts = parts[0].Trim().Split('/');
        if (protocolParts.Length is < 2 or > 3 || !protocolParts.All(p => HeaderParsing.IsToken(p)))
        {
            error = "expected transport-protocol/profile[/lower-transport], e.g. RTP/AVP or RTP/AVP/TCP";
            return false;
        }

        var lower = LowerTransport.Udp;
        if (protocolParts.Length == 3)
        {
            if (protocolParts[2].Equals("TCP", StringComparison.OrdinalIgnoreCase))
            {
                lower = LowerTransport.Tcp;
            }
            else if (!protocolParts[2].Equals("UDP", StringComparison.OrdinalIgnoreCase))
            {
                error = $"unknown lower transport '{protocolParts[2]}' (UDP or TCP)";
                return false;
            }
        }

        var result = new TransportSpec
        {
            Protocol = protocolParts[0].ToUpperInvariant(),
            Profile = protocolParts[1].ToUpperInvariant(),
            LowerTransport = lower,
        };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var others = new List<(string, string?)>();
        foreach (var part in parts.Skip(1))
        {
            if (part.Trim().Length == 0)
            {
                continue;
            }

            var (name, raw) = HeaderParsing.SplitParameter(part);
            if (!HeaderParsing.IsToken(name))
            {
                error = $"'{part.Trim()}' is not a parameter";
                return false;
            }

            var key = name.ToLowerInvariant();
            var known = key is "unicast" or "multicast" or "destination" or "source" or "client_port" or "server_port" or
                "port" or "interleaved" or "ssrc" or "mode" or "ttl" or "layers" or "append";
            if (known && !seen.Add(key is "multicast" ? "unicast" : key))
            {
                error = $"parameter '{name}' appears more than once";
                return false;
            }

            if (!known)
            {
                others.Add((name, raw));
                continue;
            }

            if (!TryApply(result, key, raw, out result, out error))
            {
                return false;
            }
        }

        spec = result with { OtherParameters = others };
        return true;
    }

    private static bool TryApply(TransportSpec spec, string key, string? raw, out TransportSpec result, out string? error)
    {
        result = spec;
        error = null;
        var flag = key is "unicast" or "multicast" or "append";
        if (flag != (raw is null) && !(key is "destination" && raw is null))
        {
            error = flag ? $"'{key}' takes no value" : $"'{key}' needs a value";
            return false;
        }

        switch (key)
        {
            case "unicast":
                result = spec with { Unicast = true };
                return true;
            case "multicast":
                result = spec with { Unicast = false };
                return true;
            case "append":
                result = spec with { Append = true };
                return true;
            case "destination":
                result = spec with { Destination = raw ?? "" };
                return IsAddress(raw ?? "", key, ref error, allowEmpty: true);
            case "source":
                result = spec with { Source = raw };
                return IsAddress(raw!, key, ref error, allowEmpty: false);
            case "client_port" or "server_port" or "port":
                if (!PortRange.TryParse(raw, out var ports))
                {
                    error = $"{key}={raw} is not port[-port] with ports 0-65535";
                    return false;
                }

                result = key switch
                {
                    "client_port" => spec with { ClientPort = ports },
                    "server_port" => spec with { ServerPort = ports },
                    _ => spec with { Port = ports },
                };
                return true;
            case "interleaved":
                if (!ChannelRange.TryParse(raw, out var channels))
                {
                    error = $"interleaved={raw} is not channel[-channel] with channels 0-255";
                    return false;
                }

                result = spec with { Interleaved = channels };
                return true;
            case "ssrc":
                // RFC 2326 says 8 hex digits; some servers drop leading zeros, which is harmless.
                if (raw!.Length is < 1 or > 8 || !raw.All(char.IsAsciiHexDigit))
                {
                    error = $"ssrc={raw} is not 1-8 hexadecimal digits";
                    return false;
                }

                result = spec with { Ssrc = uint.Parse(raw, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) };
                return true;
            case "mode":
                if (!HeaderParsing.TryUnquote(raw!, out var mode) || mode.Length == 0 ||
                    !mode.Split(',').All(m => HeaderParsing.IsToken(m.Trim())))
                {
                    error = $"mode={raw} is not a method or a quoted list of methods";
                    return false;
                }

                result = spec with { Mode = mode };
                return true;
            case "ttl":
                if (!HeaderParsing.TryParseDigits(raw, 3, 255, out var ttl))
                {
                    error = $"ttl={raw} is not 0-255";
                    return false;
                }

                result = spec with { Ttl = (int)ttl };
                return true;
            default: // layers
                if (!HeaderParsing.TryParseDigits(raw, 10, int.MaxValue, out var layers))
                {
                    error = $"layers={raw} is not a number";
                    return false;
                }

                result = spec with { Layers = (int)layers };
                return true;
        }
    }

    private static bool IsAddress(string raw, string key, ref string? error, bool allowEmpty)
    {
        if ((raw.Length == 0 && !allowEmpty) || raw.AsSpan().IndexOfAny(" \t\",;") >= 0)
        {
            error = $"{key}={raw} is not a host";
            return false;
        }

        return true;
    }

    /// <summary>What a server cannot use although it parsed: port 0, reversed ranges, channels on UDP, ports on TCP.
    /// Empty when the spec is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckPorts("client_port", ClientPort, problems);
        CheckPorts("server_port", ServerPort, problems);
        CheckPorts("port", Port, problems);
        if (Interleaved is { IsValid: false } channels)
        {
            problems.Add($"interleaved={channels} is a reversed range");
        }

        if (Interleaved is not null && LowerTransport == LowerTransport.Udp)
        {
            problems.Add("interleaved needs RTP/AVP/TCP");
        }

        return problems;
    }

    private static void CheckPorts(string name, PortRange? ports, List<string> problems)
    {
        if (ports is { IsValid: false } p)
        {
            problems.Add($"{name}={p} is not a usable port range (ports 1-65535, low <= high)");
        }
    }

    public bool Equals(TransportSpec? other) =>
        other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(Protocol).Append('/').Append(Profile);
        if (LowerTransport == LowerTransport.Tcp)
        {
            s.Append("/TCP");
        }

        if (Unicast is { } unicast)
        {
            s.Append(unicast ? ";unicast" : ";multicast");
        }

        if (Destination is not null)
        {
            s.Append(";destination");
            if (Destination.Length > 0)
            {
                s.Append('=').Append(Destination);
            }
        }

        AppendParameter(s, "source", Source);
        AppendParameter(s, "interleaved", Interleaved?.ToString());
        if (Append)
        {
            s.Append(";append");
        }

        AppendParameter(s, "ttl", Ttl?.ToString(CultureInfo.InvariantCulture));
        AppendParameter(s, "layers", Layers?.ToString(CultureInfo.InvariantCulture));
        AppendParameter(s, "port", Port?.ToString());
        AppendParameter(s, "client_port", ClientPort?.ToString());
        AppendParameter(s, "server_port", ServerPort?.ToString());
        AppendParameter(s, "ssrc", Ssrc?.ToString("X8", CultureInfo.InvariantCulture));
        AppendParameter(s, "mode", Mode is null ? null : HeaderParsing.Quote(Mode));
        foreach (var (name, value) in OtherParameters)
        {
            s.Append(';').Append(name);
            if (value is not null)
            {
                s.Append('=').Append(value);
            }
        }

        return s.ToString();
    }

    private static void AppendParameter(StringBuilder s, string name, string? value)
    {
        if (value is not null)
        {
            s.Append(';').Append(name).Append('=').Append(value);
        }
    }
}
