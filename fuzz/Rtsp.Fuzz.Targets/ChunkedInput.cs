namespace Rtsp.Fuzz.Targets;

/// <summary>
/// Splits a fuzz input into a chunk-size seed and a byte stream, so the fuzzer controls how TCP would have split
/// the stream as well as its content. The first two bytes are the seed: byte 0 bounds the chunk size (1..256),
/// byte 1 seeds a small generator that picks each chunk's size. Real servers fail exactly there (a CR and its LF in
/// different segments), so the incremental parsers must give the same result for every split.
/// </summary>
public static class ChunkedInput
{
    public const int SeedLength = 2;

    /// <summary>Calls <paramref name="feed"/> with consecutive chunks of the stream part of <paramref name="input"/>.</summary>
    public static void Feed(byte[] input, Action<ReadOnlyMemory<byte>> feed)
    {
        if (input.Length < SeedLength)
        {
            feed(input);
            return;
        }
        var maxChunk = input[0] + 1;
        uint state = (uint)(input[1] * 2654435761u) | 1u;
        var position = SeedLength;
        while (position < input.Length)
        {
            // xorshift32: cheap, deterministic, and every seed gives a different split pattern.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            var size = Math.Min((int)(state % (uint)maxChunk) + 1, input.Length - position);
            feed(input.AsMemory(position, size));
            position += size;
        }
    }

    /// <summary>Prefixes a stream with a seed, for building corpus files.</summary>
    public static byte[] Encode(byte maxChunkMinusOne, byte seed, ReadOnlySpan<byte> stream)
    {
        var result = new byte[SeedLength + stream.Length];
        result[0] = maxChunkMinusOne;
        result[1] = seed;
        stream.CopyTo(result.AsSpan(SeedLength));
        return result;
    }
}
