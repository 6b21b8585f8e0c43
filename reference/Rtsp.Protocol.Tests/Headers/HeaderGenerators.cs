using CsCheck;
using Rtsp.Protocol.Headers;

namespace Rtsp.Protocol.Tests.Headers;

/// <summary>CsCheck generators of well-formed header values, for the round-trip properties.</summary>
internal static class HeaderGenerators
{
    public const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'+";

    public static readonly Gen<string> Token = Gen.String[Gen.Char[TokenChars], 1, 16];

    public static readonly Gen<string> SessionId = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$-_.+"], 1, 40];

    public static readonly Gen<string> Host = Gen.OneOf(
        Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[0, 255], (a, b, c, d) => $"{a}.{b}.{c}.{d}"),
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-."], 1, 20]);

    public static readonly Gen<PortRange> Ports =
        Gen.Select(Gen.Int[0, 65535], Gen.Int[0, 65535].Nullable(), (low, high) => new PortRange(low, high));

    public static readonly Gen<ChannelRange> Channels =
        Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255].Nullable(), (low, high) => new ChannelRange(low, high));

    public static readonly Gen<(string, string?)> UnknownParameter =
        Gen.Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 1, 8], Gen.String[Gen.Char["abc0123456789"], 1, 8].Null(),
            (name, value) => ("x-" + name, value));

    public static readonly Gen<TransportSpec> TransportSpec =
        Gen.Select(
            Gen.Select(Gen.Bool, Gen.Bool.Nullable(), Host.Null(), Host.Null(), Ports.Nullable(), Ports.Nullable(), Ports.Nullable(), Channels.Nullable()),
            Gen.Select(Gen.UInt.Nullable(), Gen.OneOf("PLAY", "RECORD", "PLAY,RECORD").Null(), Gen.Int[0, 255].Nullable(),
                Gen.Int[1, 10].Nullable(), Gen.Bool, UnknownParameter.List[0, 3], Gen.OneOf("AVP", "SAVP", "AVPF")),
            (t, rest) => new TransportSpec
                {
                    LowerTransport = t.Item1 ? LowerTransport.Tcp : LowerTransport.Udp,
                    Unicast = t.Item2,
                    Destination = t.Item3,
                    Source = t.Item4,
                    ClientPort = t.Item5,
                    ServerPort = t.Item6,
                    Port = t.Item7,
                    Interleaved = t.Item8,
                    Ssrc = rest.Item1,
                    Mode = rest.Item2,
                    Ttl = rest.Item3,
                    Layers = rest.Item4,
                    Append = rest.Item5,
                    OtherParameters = rest.Item6,
                    Profile = rest.Item7,
                });

    /// <summary>Millisecond-precision play times: exactly representable through their decimal form.</summary>
    public static readonly Gen<double> Seconds = Gen.Long[0, 360_000_000].Select(ms => ms / 1000.0);

    public static readonly Gen<string> UtcTime = Gen.Select(Gen.Int[1970, 2099], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 235959],
        (y, m, d, t) => $"{y:D4}{m:D2}{d:D2}T{t:D6}Z");

    public static readonly Gen<RangeHeader> Range = Gen.OneOf(
        Gen.Select(Seconds, Seconds.Nullable(), UtcTime.Null(), (a, b, time) =>
            (b is { } end && end < a ? RangeHeader.Npt(end, a) : RangeHeader.Npt(a, b)) with { Time = time }),
        Seconds.Select(end => new RangeHeader { End = NptTime.FromSeconds(end) }),
        Gen.Const(RangeHeader.NptFromNow()),
        Gen.Select(UtcTime, UtcTime.Null(), (a, b) => new RangeHeader { Unit = RangeUnit.Clock, UnitName = "clock", RawStart = a, RawEnd = b }),
        Gen.Select(Gen.OneOf("smpte", "smpte-25", "smpte-30-drop"), Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 59], Gen.Int[0, 29].Nullable(),
            (unit, h, m, s, f) => new RangeHeader
            {
                Unit = RangeUnit.Smpte,
                UnitName = unit,
                RawStart = $"{h}:{m:D2}:{s:D2}" + (f is null ? "" : $":{f:D2}.01"),
            }));

    // No 's', 'q', 'r', 't' or 'u': a generated path can hold ';' and ',' but never spell ";seq=" or ",url=".
    public static readonly Gen<string> RtspUrl = Gen.Select(Host, Gen.Int[1, 65535], Gen.String[Gen.Char["abcdef0123456789/=._-?&,;"], 0, 30],
        (host, port, path) => $"rtsp://{host}:{port}/{path}");

    public static readonly Gen<RtpInfoEntry> RtpInfoEntry =
        Gen.Select(RtspUrl, Gen.UShort.Nullable(), Gen.UInt.Nullable(), (url, seq, time) => new RtpInfoEntry(url, seq, time));

    /// <summary>Printable text including quotes, backslashes, commas and '=' (all legal inside a quoted-string).</summary>
    public static readonly Gen<string> QuotedText = Gen.String[Gen.Char[" !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~"], 0, 24];
}
