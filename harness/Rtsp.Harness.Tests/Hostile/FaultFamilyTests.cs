using System.Diagnostics;
using System.Text.RegularExpressions;
using Rtsp.Harness.Targets;
using Rtsp.Harness.Tests.Conformance;

namespace Rtsp.Harness.Tests.Hostile;

/// <summary>
/// The two families of deliberate misbehaviour, as the reference server itself lists them (<c>rtsp-ref serve --fault
/// list</c>): each fault switch ("breaks: RULE") must be in the fault matrix, and no hostile behaviour ("attacks: …")
/// may be — those break the byte stream, not one rule, and are proven by <see cref="HostileServerRunTests"/>. The
/// harness may not reference the server's code, so it reads the listing, and the marker in it, like a user would.
/// </summary>
[Category("Integration")]
public sealed partial class FaultFamilyTests
{
    [Test]
    [CancelAfter(60_000)]
    public void The_fault_matrix_covers_every_fault_switch_and_no_hostile_behaviour()
    {
        var listing = FaultList();
        var switches = Entries(listing, "breaks");
        var hostile = Entries(listing, "attacks");
        var tested = HostileServerRunTests.Cases().Concat(HostileServerRunTests.UnusableCases()).Select(c => (string)c.Arguments[0]!).ToList();

        switches.Should().HaveCountGreaterThan(20);
        // A switch may have rows on more than one medium (no-marker and payload-type on MJPEG and on H.264).
        FaultCase.All().Select(f => f.Fault).Distinct().Should().BeEquivalentTo(switches, "the matrix runs every fault switch");
        hostile.Should().NotBeEmpty().And.NotIntersectWith(switches);
        tested.Should().BeEquivalentTo(hostile, "every hostile behaviour is run against the harness");
    }

    /// <summary>Names of the listing's entries whose second column is "<paramref name="marker"/>:".</summary>
    private static List<string> Entries(string listing, string marker) =>
        Entry().Matches(listing).Where(m => m.Groups[2].Value == marker).Select(m => m.Groups[1].Value).ToList();

    private static string FaultList()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryLayout.ReferenceServerDll(HarnessRuns.Root), "serve", "--fault", "list" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("rtsp-ref serve --fault list did not finish within 30 s");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        process.ExitCode.Should().Be(0, error.Result);
        return output.Result;
    }

    [GeneratedRegex(@"^([a-z0-9-]+)\s+(breaks|attacks):", RegexOptions.Multiline)]
    private static partial Regex Entry();
}
