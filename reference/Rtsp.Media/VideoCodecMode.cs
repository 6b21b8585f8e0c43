namespace Rtsp.Media;

/// <summary>`rtsp-ref serve --codec`: what the server does with the video stream of .avi/.mp4/.mkv/.mov files.</summary>
public enum VideoCodecMode
{
    /// <summary>Decode and re-encode every file to RFC 2435 JPEG (the default: any codec OpenCV reads plays).</summary>
    Jpeg,

    /// <summary>Send H.264 streams as they are (RFC 6184, no transcoding); files in other codecs still go to JPEG.</summary>
    Copy,
}
