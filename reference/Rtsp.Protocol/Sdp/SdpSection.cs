namespace Rtsp.Protocol.Sdp;

/// <summary>
/// What session and media level have in common (RFC 8866 §5): <c>i=</c>, <c>c=</c>, <c>b=</c>, <c>k=</c>, the
/// <c>a=</c> lines, and the RTSP attributes read at either level (RFC 2326 C.1).
/// </summary>
public abstract class SdpSection
{
    /// <summary><c>i=</c>: session or media title.</summary>
    public string? Information { get; set; }

    /// <summary><c>c=</c>; at session level the default for media without their own.</summary>
    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; set; } = [];

    /// <summary><c>k=</c> (obsolete in RFC 8866, kept as written).</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The <c>a=</c> lines in order.</summary>
    public List<SdpAttribute> Attributes { get; set; } = [];

    /// <summary>The first attribute of that name, or null.</summary>
    public SdpAttribute? GetAttribute(string name) =>
        Attributes.Find(attribute => string.Equals(attribute.Name, name, StringComparison.Ordinal));

    public IEnumerable<SdpAttribute> GetAttributes(string name) =>
        Attributes.Where(attribute => string.Equals(attribute.Name, name, StringComparison.Ordinal));

    /// <summary>Replaces the first <c>a=name</c> in place (keeping its position), appends it if absent, removes it for null.</summary>
    public void SetAttribute(string name, string? value)
    {
        int index = Attributes.FindIndex(attribute => string.Equals(attribute.Name, name, StringComparison.Ordinal));
        if (value is null)
        {
            if (index >= 0)
            {
                Attributes.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            Attributes[index] = new SdpAttribute(name, value);
        }
        else
        {
            Attributes.Add(new SdpAttribute(name, value));
        }
    }

    /// <summary>
    /// <c>a=control</c> (RFC 2326 C.1.1): at session level the aggregate URL (<c>*</c> = the base), at media level
    /// the track's URL, absolute or relative to Content-Base.
    /// </summary>
    public string? Control
    {
        get => GetAttribute("control")?.Value;
        set => SetAttribute("control", value);
    }

    /// <summary>
    /// The raw <c>a=range</c> value, e.g. <c>npt=0-10</c> or <c>npt=now-</c> (RFC 2326 C.1.5). A string so SDP does
    /// not depend on the RTSP headers; parse it with the Range header type.
    /// </summary>
    public string? RangeAttribute
    {
        get => GetAttribute("range")?.Value;
        set => SetAttribute("range", value);
    }
}
