using System.Text;
using Rtsp.Protocol;
using Rtsp.Protocol.Headers;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// One target per typed header. Besides "only the typed error", each checks that <c>TryParse</c> never throws and
/// agrees with <c>Parse</c>, and that an accepted value formats again (the server and client echo what they parse).
/// </summary>
public static class HeaderTargets
{
    public static void CSeq(byte[] input) => Check(input, s => CSeqHeader.Parse(s).ToString(), s => CSeqHeader.TryParse(s, out _));

    public static void Session(byte[] input) => Check(input, s => SessionHeader.Parse(s).ToString(), s => SessionHeader.TryParse(s, out _));

    public static void Transport(byte[] input) => Check(input, s =>
    {
        var header = TransportHeader.Parse(s);
        foreach (var spec in header.Specs)
        {
            // The server decides 400 or 461 from Validate(); it must cope with anything Parse accepted.
            _ = spec.Validate();
            _ = spec.ClientPort?.IsValid;
            _ = spec.Interleaved?.IsValid;
        }
        return header.ToString();
    }, s => TransportHeader.TryParse(s, out _));

    public static void Range(byte[] input) => Check(input, s =>
    {
        var range = RangeHeader.Parse(s);
        _ = range.Start?.ToString();
        _ = range.End?.ToString();
        return range.ToString();
    }, s => RangeHeader.TryParse(s, out _));

    public static void RtpInfo(byte[] input) => Check(input, s => RtpInfoHeader.Parse(s).ToString(), s => RtpInfoHeader.TryParse(s, out _));

    public static void Public(byte[] input) => Check(input, s =>
    {
        var header = PublicHeader.Parse(s);
        _ = header.Contains("OPTIONS");
        return header.ToString();
    }, s => PublicHeader.TryParse(s, out _));

    public static void WwwAuthenticate(byte[] input) => Check(input, s =>
    {
        var challenge = WwwAuthenticateHeader.Parse(s);
        try
        {
            // The client answers whatever challenge a server sent; an unsupported scheme or algorithm is a typed error.
            _ = DigestAuthenticator.CreateAuthorization(challenge, "user", "password", "DESCRIBE", "rtsp://127.0.0.1/test").ToString();
        }
        catch (ProtocolFormatException)
        {
        }
        return challenge.ToString();
    }, s => WwwAuthenticateHeader.TryParse(s, out _));

    public static void Authorization(byte[] input) => Check(input, s =>
    {
        var header = AuthorizationHeader.Parse(s);
        _ = (header.UserName, header.Password, header.Realm, header.Nonce, header.Uri, header.Response, header.Opaque);
        if (header.IsDigest)
        {
            // The server's check of a client's credentials runs on whatever the client sent.
            _ = DigestAuthenticator.Verify(header, "password", "DESCRIBE");
        }
        return header.ToString();
    }, s => AuthorizationHeader.TryParse(s, out _));

    /// <summary>The input is "base URL LF control"; both resolvers run (the server's RFC 3986 one and ffmpeg's).</summary>
    public static void ControlUrlResolve(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var split = text.IndexOf('\n', StringComparison.Ordinal);
        var baseUrl = split < 0 ? text : text[..split];
        var control = split < 0 ? "" : text[(split + 1)..];
        try
        {
            _ = ControlUrl.IsAbsolute(baseUrl);
            _ = ControlUrl.Resolve(baseUrl, control);
            _ = ControlUrl.ResolveLikeFfmpeg(baseUrl, control);
        }
        catch (ProtocolFormatException)
        {
            // A non-absolute base URL is rejected with the typed error.
        }
    }

    private static void Check(byte[] input, Func<string, string> parseAndFormat, Func<string, bool> tryParse)
    {
        var text = Encoding.UTF8.GetString(input);
        var accepted = tryParse(text);
        bool parsed;
        try
        {
            _ = parseAndFormat(text);
            parsed = true;
        }
        catch (ProtocolFormatException)
        {
            parsed = false;
        }
        if (parsed != accepted)
        {
            throw new InvalidOperationException($"Parse {(parsed ? "accepts" : "rejects")} a value TryParse {(accepted ? "accepts" : "rejects")}");
        }
    }
}
