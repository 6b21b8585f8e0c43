namespace Rtsp.Protocol.Jpeg;

/// <summary>The ITU T.81 Table B.1 marker codes this library reads or writes (the byte after 0xFF).</summary>
internal static class JpegMarkers
{
    public const byte Prefix = 0xFF;
    public const byte Sof0 = 0xC0;
    public const byte Sof1 = 0xC1;
    public const byte Sof2 = 0xC2;
    public const byte Dht = 0xC4;
    public const byte Dac = 0xCC;
    public const byte Rst0 = 0xD0;
    public const byte Rst7 = 0xD7;
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte Dqt = 0xDB;
    public const byte Dnl = 0xDC;
    public const byte Dri = 0xDD;
    public const byte App14 = 0xEE;
    public const byte Tem = 0x01;

    /// <summary>SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).</summary>
    public static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF && marker != Dht && marker != 0xC8 && marker != Dac;

    /// <summary>Markers without a length field (T.81 B.1.1.3): SOI, EOI, RSTn, TEM.</summary>
    public static bool IsStandalone(byte marker) =>
        marker is Soi or Eoi or Tem or (>= Rst0 and <= Rst7);
}
