namespace Rtsp.Protocol.Jpeg;

/// <summary>Why <see cref="JpegDepacketizer"/> dropped the last frame it dropped.</summary>
public enum JpegFrameDropReason
{
    /// <summary>The first packet seen for a timestamp was not the fragment at offset 0.</summary>
    MissingFirstFragment,

    /// <summary>The timestamp changed before the packet with the marker bit arrived.</summary>
    MissingLastFragment,

    /// <summary>A sequence number was skipped inside the frame (a packet lost or reordered).</summary>
    SequenceGap,

    /// <summary>A fragment offset did not continue where the previous fragment ended (gap or overlap).</summary>
    OffsetMismatch,

    /// <summary>Type, Q, width or height changed between fragments of one frame.</summary>
    HeaderChanged,

    /// <summary>A payload too short for its RFC 2435 headers.</summary>
    MalformedPayload,

    /// <summary>Q is 128..254 with a zero table length and no tables were seen for that Q, or Q=255 without tables.</summary>
    MissingQuantizationTables,

    /// <summary>Type other than 0, 1, 64, 65 (counted in UnsupportedFrames).</summary>
    UnsupportedType,

    /// <summary>Q 0 or 100..127, reserved by RFC 2435 §3.1.4 (counted in UnsupportedFrames).</summary>
    ReservedQ,

    /// <summary>Width or height 0 in the main header: RFC 2435 has no meaning for it (counted in UnsupportedFrames).</summary>
    ZeroSize,

    /// <summary>16-bit quantization tables (counted in UnsupportedFrames).</summary>
    UnsupportedPrecision,

    /// <summary>The frame grew beyond the configured maximum size.</summary>
    TooLarge,
}
