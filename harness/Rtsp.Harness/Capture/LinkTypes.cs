namespace Rtsp.Harness.Capture;

/// <summary>The pcap link types (LINKTYPE_* values, tcpdump.org/linktypes.html) the reader decodes.</summary>
public static class LinkTypes
{
    /// <summary>BSD loopback: 4-byte address family in host byte order.</summary>
    public const int Null = 0;

    /// <summary>Ethernet; Linux <c>lo</c> captures as this with zero MAC addresses.</summary>
    public const int Ethernet = 1;

    public const int Raw = 101;

    /// <summary>OpenBSD loopback: 4-byte address family in network byte order.</summary>
    public const int Loop = 108;

    /// <summary>Linux cooked capture v1 (<c>tcpdump -i any</c>).</summary>
    public const int LinuxSll = 113;

    public const int Ipv4 = 228;

    public const int Ipv6 = 229;

    /// <summary>Linux cooked capture v2.</summary>
    public const int LinuxSll2 = 276;

    public static bool IsSupported(int linkType) =>
        linkType is Null or Ethernet or Raw or Loop or LinuxSll or Ipv4 or Ipv6 or LinuxSll2 or 12 or 14;
}
