namespace Rtsp.Media.OpenCv;

/// <summary>A media file or capture device that cannot be opened or decoded; the message says what to check.</summary>
public sealed class MediaOpenException : IOException
{
    public MediaOpenException(string message) : base(message) { }

    public MediaOpenException(string message, Exception inner) : base(message, inner) { }
}
