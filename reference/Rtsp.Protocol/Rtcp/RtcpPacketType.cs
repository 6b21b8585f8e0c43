namespace Rtsp.Protocol.Rtcp;

/// <summary>RTCP packet types (RFC 3550 §12.1; 204 APP and 205/206 feedback are read as <see cref="RtcpUnknownPacket"/>).</summary>
public static class RtcpPacketType
{
    public const byte SenderReport = 200;
    public const byte ReceiverReport = 201;
    public const byte SourceDescription = 202;
    public const byte Goodbye = 203;
    public const byte Application = 204;
}
