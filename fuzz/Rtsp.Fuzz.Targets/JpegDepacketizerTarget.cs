using Rtsp.Protocol.Jpeg;

namespace Rtsp.Fuzz.Targets;

/// <summary>
/// The RFC 2435 depacketizer fed a sequence of RTP payloads described by the input, so the fuzzer controls loss,
/// duplicates, reordering and frame boundaries as well as the payload bytes. Each record is
/// <c>[control][length: 2 bytes, big-endian][payload]</c>; control bit 0 = marker, bit 1 = next timestamp,
/// bit 2 = repeat the previous sequence number, bit 3 = skip one sequence number, bit 4 = step back one.
/// <c>Push</c> reports bad payloads in counters and never throws.
/// </summary>
public static class JpegDepacketizerTarget
{
    public const byte Marker = 1, NextTimestamp = 2, RepeatSequence = 4, SkipSequence = 8, StepBack = 16;

    public static void Run(byte[] input)
    {
        var depacketizer = new JpegDepacketizer();
        foreach (var packet in Packets(input))
        {
            var frame = depacketizer.Push(packet.Sequence, packet.Timestamp, packet.Marker, packet.Payload.Span);
            if (frame is not null)
            {
                // Frames go to decoders and to the harness's JPEG checks: read them like they do.
                _ = JpegFrameInfo.TryParse(frame.Jpeg, out _, out _);
            }
        }
    }

    /// <summary>The RTP packets (sequence, timestamp, marker, payload) an input describes.</summary>
    public static IEnumerable<(ushort Sequence, uint Timestamp, bool Marker, ReadOnlyMemory<byte> Payload)> Packets(byte[] input)
    {
        ushort sequence = 65520; // close to the wrap, which the depacketizer must handle
        uint timestamp = 0;
        var position = 0;
        while (position + 3 <= input.Length)
        {
            var control = input[position];
            var length = Math.Min((input[position + 1] << 8) | input[position + 2], input.Length - position - 3);
            var payload = input.AsMemory(position + 3, length);
            position += 3 + length;

            if ((control & NextTimestamp) != 0)
            {
                timestamp += 3600;
            }
            if ((control & RepeatSequence) == 0)
            {
                sequence++;
            }
            if ((control & SkipSequence) != 0)
            {
                sequence++;
            }
            if ((control & StepBack) != 0)
            {
                sequence -= 2;
            }
            yield return (sequence, timestamp, (control & Marker) != 0, payload);
        }
    }

    /// <summary>Encodes one record, for building corpus files.</summary>
    public static byte[] Record(byte control, ReadOnlySpan<byte> payload)
    {
        var record = new byte[3 + payload.Length];
        record[0] = control;
        record[1] = (byte)(payload.Length >> 8);
        record[2] = (byte)payload.Length;
        payload.CopyTo(record.AsSpan(3));
        return record;
    }
}
