using System.Buffers.Binary;

namespace Rtsp.Protocol.Jpeg;

/// <summary>One pass over the marker segments of a frame up to SOS, then a search for EOI in the scan.</summary>
internal ref struct JpegFrameParser
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    // DQT destinations 0..3 (T.81 B.2.4.1): offset of the 64 table bytes in _data, or -1.
    private FourInts _quantizationTableOffsets;

    // DHT destinations, index = class * 4 + id (T.81 B.2.4.2): offset of the 16 counts, or -1.
    private EightInts _huffmanTableOffsets;
    private EightInts _huffmanTableLengths;

    private int _width;
    private int _height;
    private int _restartInterval;
    private int _adobeTransform = -1;
    private bool _sawFrameHeader;
    private ThreeComponents _components;

    public JpegFrameParser(ReadOnlyMemory<byte> jfif)
    {
        _memory = jfif;
        _data = jfif.Span;
        _position = 0;
        _quantizationTableOffsets = default;
        _huffmanTableOffsets = default;
        _huffmanTableLengths = default;
        ((Span<int>)_quantizationTableOffsets).Fill(-1);
        ((Span<int>)_huffmanTableOffsets).Fill(-1);
        ErrorReason = JpegRejectReason.Malformed;
        ErrorMessage = null;
    }

    public JpegRejectReason ErrorReason { get; private set; }

    public string? ErrorMessage { get; private set; }

    public JpegFrameInfo? Run()
    {
        if (_data.Length < 2 || _data[0] != JpegMarkers.Prefix || _data[1] != JpegMarkers.Soi)
        {
            return Fail(JpegRejectReason.NotJpeg, "the data does not start with the SOI marker FF D8");
        }

        _position = 2;
        // Every iteration consumes at least one byte, so the loop ends.
        while (true)
        {
            if (_position >= _data.Length)
            {
                return Fail(JpegRejectReason.Truncated, $"the data ends at offset {_position} before the start of scan");
            }

            if (_data[_position] != JpegMarkers.Prefix)
            {
                return Fail(JpegRejectReason.Malformed, $"expected a marker at offset {_position}, found 0x{_data[_position]:X2}");
            }

            int markerOffset = _position;
            while (_position < _data.Length && _data[_position] == JpegMarkers.Prefix)
            {
                _position++; // T.81 B.1.1.2: any number of FF fill bytes may precede a marker.
            }

            if (_position >= _data.Length)
            {
                return Fail(JpegRejectReason.Truncated, $"the data ends in fill bytes at offset {_position}");
            }

            byte marker = _data[_position++];
            if (marker == JpegMarkers.Soi || marker == JpegMarkers.Eoi)
            {
                return Fail(JpegRejectReason.Malformed, $"marker FF {marker:X2} at offset {markerOffset} before the start of scan");
            }

            if (marker == 0 || JpegMarkers.IsStandalone(marker))
            {
                continue;
            }

            if (_position + 2 > _data.Length)
            {
                return Fail(JpegRejectReason.Truncated, $"the length of marker FF {marker:X2} at offset {markerOffset} is cut off");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
            if (length < 2)
            {
                return Fail(JpegRejectReason.Malformed, $"marker FF {marker:X2} at offset {markerOffset} has length {length}");
            }

            if (_position + length > _data.Length)
            {
                return Fail(JpegRejectReason.Truncated, $"marker segment FF {marker:X2} at offset {markerOffset} needs {length} bytes, {_data.Length - _position} left");
            }

            int body = _position + 2;
            int bodyLength = length - 2;
            _position += length;

            bool ok = marker switch
            {
                JpegMarkers.Dqt => ReadQuantizationTables(body, bodyLength),
                JpegMarkers.Dht => ReadHuffmanTables(body, bodyLength),
                JpegMarkers.Dri => ReadRestartInterval(body, bodyLength),
                JpegMarkers.Sof0 => ReadFrameHeader(body, bodyLength),
                JpegMarkers.Sof2 => FailBool(JpegRejectReason.Progressive, "progressive DCT (SOF2); RFC 2435 carries baseline sequential frames only"),
                JpegMarkers.Sof1 => RejectExtended(body, bodyLength),
                JpegMarkers.Dac => FailBool(JpegRejectReason.UnsupportedProcess, "arithmetic coding (DAC)"),
                JpegMarkers.Sos => true,
                JpegMarkers.App14 => ReadAdobeSegment(body, bodyLength),
                _ when JpegMarkers.IsStartOfFrame(marker) => FailBool(JpegRejectReason.UnsupportedProcess, $"coding process SOF{marker - 0xC0} (only baseline SOF0 is sendable)"),
                _ => true, // APPn, COM and other segments carry nothing RFC 2435 sends.
            };
            if (!ok)
            {
                return null;
            }

            if (marker == JpegMarkers.Sos)
            {
                return ReadScan(body, bodyLength);
            }
        }
    }

    private bool ReadQuantizationTables(int offset, int length)
    {
        int end = offset + length;
        while (offset < end)
        {
            int precision = _data[offset] >> 4;
            int id = _data[offset] & 0x0F;
            if (precision != 0)
            {
                return FailBool(JpegRejectReason.Not8Bit, $"16-bit quantization table {id}; RFC 2435 §3.1.8 sends 8-bit tables for 8-bit samples");
            }

            if (id > 3)
            {
                return FailBool(JpegRejectReason.Malformed, $"quantization table destination {id} (T.81 allows 0..3)");
            }

            if (offset + 1 + 64 > end)
            {
                return FailBool(JpegRejectReason.Malformed, "a DQT segment ends inside a table");
            }

            _quantizationTableOffsets[id] = offset + 1;
            offset += 65;
        }

        return true;
    }

    private bool ReadHuffmanTables(int offset, int length)
    {
        int end = offset + length;
        while (offset < end)
        {
            int tableClass = _data[offset] >> 4;
            int id = _data[offset] & 0x0F;
            if (tableClass > 1 || id > 3)
            {
                return FailBool(JpegRejectReason.Malformed, $"Huffman table class {tableClass} destination {id}");
            }

            if (offset + 17 > end)
            {
                return FailBool(JpegRejectReason.Malformed, "a DHT segment ends inside the code-length counts");
            }

            int symbols = 0;
            for (int i = 0; i < 16; i++)
            {
                symbols += _data[offset + 1 + i];
            }

            if (offset + 17 + symbols > end)
            {
                return FailBool(JpegRejectReason.Malformed, "a DHT segment ends inside the symbol values");
            }

            _huffmanTableOffsets[(tableClass * 4) + id] = offset + 1;
            _huffmanTableLengths[(tableClass * 4) + id] = 16 + symbols;
            offset += 17 + symbols;
        }

        return true;
    }

    private bool ReadRestartInterval(int offset, int length)
    {
        if (length != 2)
        {
            return FailBool(JpegRejectReason.Malformed, $"DRI segment of {length + 2} bytes (must be 4)");
        }

        _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(_data[offset..]);
        return true;
    }

    /// <summary>Adobe APP14: "Adobe", version, flags0, flags1, transform (0 = no colour transform, i.e. RGB).</summary>
    private bool ReadAdobeSegment(int offset, int length)
    {
        if (length >= 12 && _data.Slice(offset, 5).SequenceEqual("Adobe"u8))
        {
            _adobeTransform = _data[offset + 11];
        }

        return true;
    }

    private bool RejectExtended(int offset, int length)
    {
        if (length >= 1 && _data[offset] != 8)
        {
            return FailBool(JpegRejectReason.Not8Bit, $"{_data[offset]}-bit samples (extended sequential SOF1)");
        }

        return FailBool(JpegRejectReason.UnsupportedProcess, "extended sequential DCT (SOF1); only baseline SOF0 is sendable");
    }

    private bool ReadFrameHeader(int offset, int length)
    {
        if (_sawFrameHeader)
        {
            return FailBool(JpegRejectReason.Malformed, "a second frame header");
        }

        if (length < 6)
        {
            return FailBool(JpegRejectReason.Malformed, "SOF0 segment too short");
        }

        int precision = _data[offset];
        _height = BinaryPrimitives.ReadUInt16BigEndian(_data[(offset + 1)..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(_data[(offset + 3)..]);
        int count = _data[offset + 5];
        if (length != 6 + (3 * count))
        {
            return FailBool(JpegRejectReason.Malformed, $"SOF0 length {length + 2} does not match {count} components");
        }

        if (precision != 8)
        {
            return FailBool(JpegRejectReason.Not8Bit, $"{precision}-bit samples");
        }

        if (_width == 0 || _height == 0)
        {
            return FailBool(JpegRejectReason.Malformed, $"image size {_width}x{_height} (a height defined later by DNL is not supported)");
        }

        if (count != 3)
        {
            return FailBool(JpegRejectReason.UnsupportedSampling, count == 1
                ? "grayscale (1 component); RFC 2435 types 0/1 need Y, Cb and Cr"
                : $"{count} components; RFC 2435 types 0/1 need Y, Cb and Cr");
        }

        for (int i = 0; i < 3; i++)
        {
            int c = offset + 6 + (3 * i);
            _components[i] = new Component(_data[c], _data[c + 1] >> 4, _data[c + 1] & 0x0F, _data[c + 2]);
        }

        Component y = _components[0];
        bool chromaOneByOne = _components[1].H == 1 && _components[1].V == 1 && _components[2].H == 1 && _components[2].V == 1;
        if (!chromaOneByOne || y.H != 2 || y.V is not (1 or 2))
        {
            return FailBool(JpegRejectReason.UnsupportedSampling, $"sampling factors Y {y.H}x{y.V}, Cb {_components[1].H}x{_components[1].V}, Cr {_components[2].H}x{_components[2].V} ({SamplingName()}); RFC 2435 types 0/1 need Y 2x1 or 2x2 with chroma 1x1");
        }

        if (_width > JpegFrameInfo.MaxDimension || _height > JpegFrameInfo.MaxDimension)
        {
            return FailBool(JpegRejectReason.TooLarge, $"{_width}x{_height}; RFC 2435 sends width/8 and height/8 in one byte each (at most {JpegFrameInfo.MaxDimension} pixels)");
        }

        if (_width % 8 != 0 || _height % 8 != 0)
        {
            return FailBool(JpegRejectReason.DimensionsNotMultipleOf8, $"{_width}x{_height}; RFC 2435 sends the size in units of 8 pixels");
        }

        _sawFrameHeader = true;
        return true;
    }

    /// <summary>The chroma subsampling the factors amount to, e.g. ffmpeg codes 4:2:2 as Y 2x2 with chroma 1x2.</summary>
    private readonly string SamplingName()
    {
        Component y = _components[0];
        Component cb = _components[1];
        Component cr = _components[2];
        if (cb.H != cr.H || cb.V != cr.V || cb.H == 0 || cb.V == 0 || y.H % cb.H != 0 || y.V % cb.V != 0)
        {
            return "unusual";
        }

        return (y.H / cb.H, y.V / cb.V) switch
        {
            (1, 1) => "4:4:4",
            (2, 1) => "4:2:2",
            (2, 2) => "4:2:0",
            (4, 1) => "4:1:1",
            (1, 2) => "4:4:0",
            _ => "unusual",
        };
    }

    private JpegFrameInfo? ReadScan(int offset, int length)
    {
        if (!_sawFrameHeader)
        {
            return Fail(JpegRejectReason.Malformed, "start of scan before any SOF0 frame header");
        }

        if (length < 1 || length != 4 + (2 * _data[offset]))
        {
            return Fail(JpegRejectReason.Malformed, $"SOS segment length {length + 2} does not match its component count");
        }

        int count = _data[offset];
        if (count != 3)
        {
            return Fail(JpegRejectReason.UnsupportedScan, $"a scan of {count} component(s); RFC 2435 needs one interleaved scan of Y, Cb and Cr");
        }

        int spectralStart = _data[offset + 7];
        int spectralEnd = _data[offset + 8];
        int approximation = _data[offset + 9];
        if (spectralStart != 0 || spectralEnd != 63 || approximation != 0)
        {
            return Fail(JpegRejectReason.Malformed, $"baseline scan with Ss={spectralStart} Se={spectralEnd} Ah/Al=0x{approximation:X2} (must be 0, 63, 0)");
        }

        if (_adobeTransform == 0 || (_components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B'))
        {
            return Fail(JpegRejectReason.NotYCbCr, _adobeTransform == 0
                ? "an Adobe APP14 segment says the components are RGB (transform 0)"
                : "component ids 'R', 'G', 'B' mark an RGB image");
        }

        for (int i = 0; i < 3; i++)
        {
            int id = _data[offset + 1 + (2 * i)];
            int selectors = _data[offset + 2 + (2 * i)];
            if (id != _components[i].Id)
            {
                return Fail(JpegRejectReason.UnsupportedScan, $"scan component {i} is id {id}, the frame header's is {_components[i].Id}");
            }

            bool luminance = i == 0;
            if (!IsStandardOrAbsent(0, selectors >> 4, luminance) || !IsStandardOrAbsent(1, selectors & 0x0F, luminance))
            {
                return Fail(JpegRejectReason.NonStandardHuffmanTables, $"component {(luminance ? "Y" : i == 1 ? "Cb" : "Cr")} is coded with a Huffman table other than T.81 K.3 (RFC 2435 receivers rebuild only the standard tables)");
            }
        }

        byte[][]? tables = CollectQuantizationTables();
        if (tables is null)
        {
            return null;
        }

        int scanStart = _position;
        int scanEnd = FindEndOfImage(scanStart);
        if (scanEnd < 0)
        {
            return null;
        }

        if (scanEnd - scanStart > JpegFrameInfo.MaxScanLength)
        {
            return Fail(JpegRejectReason.TooLarge, $"{scanEnd - scanStart} bytes of scan data; the 24-bit fragment offset allows {JpegFrameInfo.MaxScanLength}");
        }

        byte type = (byte)((_components[0].V == 2 ? 1 : 0) + (_restartInterval > 0 ? 64 : 0));
        return new JpegFrameInfo(_width, _height, type, tables, _restartInterval, _memory[scanStart..scanEnd]);
    }

    /// <summary>A table never defined is fine: decoders (and RFC 2435 receivers) fall back to the standard ones.</summary>
    private readonly bool IsStandardOrAbsent(int tableClass, int id, bool luminance)
    {
        if (id > 3)
        {
            return false;
        }

        int start = _huffmanTableOffsets[(tableClass * 4) + id];
        return start < 0 || _data.Slice(start, _huffmanTableLengths[(tableClass * 4) + id]).SequenceEqual(StandardHuffmanTables.For(tableClass, luminance));
    }

    private byte[][]? CollectQuantizationTables()
    {
        int lumaId = _components[0].Tq;
        int cbId = _components[1].Tq;
        int crId = _components[2].Tq;
        if (lumaId > 3 || cbId > 3 || crId > 3 || _quantizationTableOffsets[lumaId] < 0 || _quantizationTableOffsets[cbId] < 0 || _quantizationTableOffsets[crId] < 0)
        {
            Fail(JpegRejectReason.UnsupportedQuantizationTables, $"a component uses an undefined quantization table (Y {lumaId}, Cb {cbId}, Cr {crId})");
            return null;
        }

        ReadOnlySpan<byte> luma = _data.Slice(_quantizationTableOffsets[lumaId], 64);
        ReadOnlySpan<byte> cb = _data.Slice(_quantizationTableOffsets[cbId], 64);
        ReadOnlySpan<byte> cr = _data.Slice(_quantizationTableOffsets[crId], 64);
        if (!cb.SequenceEqual(cr))
        {
            Fail(JpegRejectReason.UnsupportedQuantizationTables, "Cb and Cr use different quantization tables; RFC 2435 types 0/1 share one chroma table");
            return null;
        }

        return [luma.ToArray(), cb.ToArray()];
    }

    /// <summary>
    /// The offset of the EOI marker that ends the scan. In entropy-coded data FF is followed by 00 (stuffing),
    /// RSTn, more FF fill bytes, or the marker that ends the scan (T.81 B.1.1.5).
    /// </summary>
    private int FindEndOfImage(int start)
    {
        int i = start;
        while (true)
        {
            int found = _data[i..].IndexOf(JpegMarkers.Prefix);
            if (found < 0 || i + found + 1 >= _data.Length)
            {
                Fail(JpegRejectReason.Truncated, $"the scan starting at offset {start} has no EOI marker");
                return -1;
            }

            int ff = i + found;
            byte next = _data[ff + 1];
            if (next == JpegMarkers.Eoi)
            {
                return ff;
            }

            if (next == 0x00 || next is >= JpegMarkers.Rst0 and <= JpegMarkers.Rst7 || next == JpegMarkers.Prefix)
            {
                i = next == JpegMarkers.Prefix ? ff + 1 : ff + 2;
                continue;
            }

            Fail(JpegRejectReason.UnsupportedScan, $"marker FF {next:X2} at offset {ff} after the first scan; RFC 2435 carries a single scan ended by EOI");
            return -1;
        }
    }

    private JpegFrameInfo? Fail(JpegRejectReason reason, string message)
    {
        ErrorReason = reason;
        ErrorMessage = message;
        return null;
    }

    private bool FailBool(JpegRejectReason reason, string message)
    {
        Fail(reason, message);
        return false;
    }

    private readonly record struct Component(int Id, int H, int V, int Tq);

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct FourInts
    {
        private int _element;
    }

    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct EightInts
    {
        private int _element;
    }

    [System.Runtime.CompilerServices.InlineArray(3)]
    private struct ThreeComponents
    {
        private Component _element;
    }
}
