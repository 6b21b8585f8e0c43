namespace Rtsp.Protocol.Headers;

/// <summary>The lower transport of a Transport spec (RFC 2326 §12.39); UDP when the spec names none.</summary>
public enum LowerTransport
{
    Udp,
    Tcp,
}
