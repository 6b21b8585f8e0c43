namespace Rtsp.Protocol.Sdp;

/// <summary>An <c>a=</c> line: a property (<c>a=recvonly</c>, null value) or a value attribute (<c>a=control:*</c>).</summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";

    internal static SdpAttribute Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SdpAttribute(text) : new SdpAttribute(text[..colon], text[(colon + 1)..]);
    }
}
