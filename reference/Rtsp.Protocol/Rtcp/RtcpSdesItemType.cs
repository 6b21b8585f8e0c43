namespace Rtsp.Protocol.Rtcp;

/// <summary>SDES item types (RFC 3550 §6.5); 0 (END) terminates a chunk's item list and is never an item.</summary>
public enum RtcpSdesItemType : byte
{
    End = 0,
    Cname = 1,
    Name = 2,
    Email = 3,
    Phone = 4,
    Location = 5,
    Tool = 6,
    Note = 7,
    Private = 8,
}
