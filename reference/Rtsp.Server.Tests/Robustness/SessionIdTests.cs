using System.Globalization;
using Rtsp.Server.Sessions;
using Rtsp.Server.Tests.Support;

namespace Rtsp.Server.Tests.Robustness;

/// <summary>
/// RFC 2326 12.37 / 16: session ids must not be guessable. The generator draws 16 bytes from the system CSPRNG
/// (<see cref="SessionRegistry.NewId"/>: 128 bits, 32 lowercase hex digits); these tests sample ids from the
/// running server and check what can be checked from outside: length, alphabet, no repeats, and digits spread
/// evenly (a counter or a timestamp would not).
/// </summary>
public class SessionIdTests : RobustnessTest
{
    private const int Samples = 200;
    private const int SessionsPerConnection = 10;

    [Test]
    public async Task Session_ids_carry_at_least_128_random_bits_and_never_repeat()
    {
        using var sink = new MediaSink();
        // Ten sessions a connection: --max-sessions-per-connection (16 by default) is not what this test is about.
        var batches = await Task.WhenAll(Enumerable.Range(0, Samples / SessionsPerConnection).Select(async _ =>
        {
            await using var client = await RtspTestClient.ConnectAsync(Server.BaseUrl);
            var batch = new List<string>();
            for (int i = 0; i < SessionsPerConnection; i++)
            {
                var setup = await client.SendAsync("SETUP", SampleTrack, ("Transport", $"RTP/AVP;unicast;client_port={sink.Ports}"));
                setup.StatusCode.Should().Be(200);
                batch.Add(RtspTestClient.SessionId(setup));
            }
            foreach (var id in batch)
                (await client.TeardownAsync(Sample, id)).StatusCode.Should().Be(200);
            return batch;
        }));
        var ids = batches.SelectMany(b => b).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Length >= 32 && id.All(char.IsAsciiHexDigitLower), "32 hex digits = 128 bits");
        // 200 x 32 digits: each of the 16 values is expected 400 times; a uniform source stays within +-25% (p < 1e-5 per value).
        var counts = ids.SelectMany(id => id).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        counts.Should().HaveCount(16);
        counts.Values.Should().OnlyContain(n => n > 300 && n < 500, string.Join(", ", counts.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}:{p.Value}"))));
    }

    [Test]
    public void The_generator_makes_32_hex_digits_from_the_system_CSPRNG()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => SessionRegistry.NewId()).ToList();
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Length == 32 && id.All(char.IsAsciiHexDigitLower));
        // Every bit position takes both values about equally often (a constant or counter bit would not).
        for (int bit = 0; bit < 128; bit++)
        {
            int ones = ids.Count(id => (Convert.ToInt32(id[bit / 4].ToString(), 16) >> (3 - bit % 4) & 1) == 1);
            ones.Should().BeInRange(4_600, 5_400, $"bit {bit}");
        }
    }
}
