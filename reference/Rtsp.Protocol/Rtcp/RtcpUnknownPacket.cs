namespace Rtsp.Protocol.Rtcp;

/// <summary>
/// Any other packet type (APP 204, the feedback types 205/206 of RFC 4585, ...): kept as its count field and
/// raw body so a compound still parses and re-serializes unchanged.
/// </summary>
public sealed class RtcpUnknownPacket : RtcpPacket
{
    private byte _count;
    private byte[] _body = [];

    public RtcpUnknownPacket(byte packetType) => PacketType = packetType;

    public override byte PacketType { get; }

    /// <summary>The 5-bit count field (a subtype for APP and feedback packets).</summary>
    public override int Count => _count;

    public void SetCount(int count) =>
        _count = count is >= 0 and <= 31 ? (byte)count : throw new ArgumentOutOfRangeException(nameof(count), count, "The RTCP count field has 5 bits.");

    /// <summary>The body after the 4-byte header, padding excluded; a multiple of 4 bytes.</summary>
    public byte[] Body
    {
        get => _body;
        set => _body = value.Length % 4 == 0 ? value : throw new ArgumentException($"An RTCP body is a multiple of 4 bytes; got {value.Length}.", nameof(value));
    }

    public override int BodyLength => _body.Length;

    private protected override void WriteBody(Span<byte> body) => _body.CopyTo(body);
}
