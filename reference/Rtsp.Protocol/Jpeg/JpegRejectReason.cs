namespace Rtsp.Protocol.Jpeg;

/// <summary>
/// Why a JPEG frame cannot be sent as RFC 2435 payload as it is. Each reason names one limitation of the
/// payload format (or plain malformation), so a server can tell the user what to transcode.
/// </summary>
public enum JpegRejectReason
{
    /// <summary>The bytes do not start with an SOI marker (FF D8).</summary>
    NotJpeg,

    /// <summary>The data ends inside a marker segment or before the EOI marker.</summary>
    Truncated,

    /// <summary>A marker segment is malformed (bad length, duplicate SOI, missing frame header, ...).</summary>
    Malformed,

    /// <summary>Progressive DCT (SOF2): RFC 2435 carries one baseline sequential scan only.</summary>
    Progressive,

    /// <summary>Another coding process (extended sequential, lossless, hierarchical, arithmetic coding).</summary>
    UnsupportedProcess,

    /// <summary>12- or 16-bit samples, or 16-bit quantization tables: RFC 2435 §3.1.8 sends 8-bit tables for 8-bit samples.</summary>
    Not8Bit,

    /// <summary>Not three components with Y 2x1 or 2x2 and chroma 1x1 (4:4:4, 4:1:1, grayscale, CMYK, ...): RFC 2435 §4.1 types 0 and 1 only.</summary>
    UnsupportedSampling,

    /// <summary>
    /// The three components are not Y, Cb, Cr (an Adobe APP14 segment with transform 0, or component ids 'R','G','B'):
    /// the rebuilt RFC 2435 headers carry no colour-space marker, so receivers would decode them as YCbCr.
    /// </summary>
    NotYCbCr,

    /// <summary>Not one interleaved scan of Y, Cb, Cr (non-interleaved or several scans, or a DNL marker).</summary>
    UnsupportedScan,

    /// <summary>Huffman tables other than ITU T.81 Annex K.3: RFC 2435 does not send tables, receivers rebuild the standard ones.</summary>
    NonStandardHuffmanTables,

    /// <summary>Cb and Cr use different quantization tables, or a table is missing: RFC 2435 types 0/1 carry one luma and one chroma table.</summary>
    UnsupportedQuantizationTables,

    /// <summary>Wider or taller than 2040 pixels (RFC 2435 §3.1.5/§3.1.6 send the size divided by 8 in one byte), or a scan over 16 MiB (24-bit fragment offset).</summary>
    TooLarge,

    /// <summary>Width or height not a multiple of 8: RFC 2435 §3.1.5/§3.1.6 can only express multiples of 8 pixels.</summary>
    DimensionsNotMultipleOf8,
}
