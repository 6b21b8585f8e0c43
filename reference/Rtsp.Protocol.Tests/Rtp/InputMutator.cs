namespace Rtsp.Protocol.Tests.Rtp;

/// <summary>
/// Turns valid wire bytes into the hostile ones a parser must survive: truncation, bit flips, random bytes,
/// extreme length/count fields, insertions. Deterministic for a given <see cref="Random"/> seed.
/// </summary>
internal static class InputMutator
{
    public static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        switch (random.Next(7))
        {
            case 0:
                return bytes[..random.Next(bytes.Length + 1)];
            case 1:
                for (int flips = random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                return bytes;
            case 2:
                if (bytes.Length > 0)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                return bytes;
            case 3:
                // A length or count field set to its maximum: 0xFF over two adjacent bytes anywhere in the first 40.
                int at = random.Next(Math.Min(bytes.Length, 40) + 1);
                for (int i = at; i < Math.Min(at + 2, bytes.Length); i++)
                {
                    bytes[i] = 0xFF;
                }
                return bytes;
            case 4:
                var extended = new byte[bytes.Length + random.Next(1, 9)];
                random.NextBytes(extended);
                bytes.CopyTo(extended, 0);
                return extended;
            case 5:
                if (bytes.Length > 0)
                {
                    bytes[^1] = (byte)random.Next(256); // padding counts live in the last byte
                }
                return bytes;
            default:
                var noise = new byte[random.Next(64)];
                random.NextBytes(noise);
                return noise;
        }
    }
}
