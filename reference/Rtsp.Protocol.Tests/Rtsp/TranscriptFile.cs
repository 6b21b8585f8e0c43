using System.Text;

namespace Rtsp.Protocol.Tests.Rtsp;

/// <summary>
/// Reads the recorded conversations in TestData/rtsp: each message is stored as its raw CRLF bytes after a
/// <c>----- X C-&gt;S -----</c> or <c>----- S-&gt;C -----</c> marker line; the recorder's own notes are LF-only lines.
/// </summary>
internal static class TranscriptFile
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "rtsp");

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.txt")
            .Select(Path.GetFileName).Order().Cast<string>();

    public static List<byte[]> Replies(string name) => Messages(name, marker => marker == "----- S->C -----");

    public static List<byte[]> Requests(string name) => Messages(name, marker => marker.EndsWith(" C->S -----", StringComparison.Ordinal));

    private static List<byte[]> Messages(string name, Func<string, bool> isWanted)
    {
        var text = File.ReadAllText(Path.Combine(Directory, name), Encoding.Latin1);
        var messages = new List<byte[]>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("----- ", StringComparison.Ordinal) || !isWanted(lines[i]))
            {
                continue;
            }

            var raw = new StringBuilder();
            for (i++; i < lines.Length && lines[i].EndsWith('\r'); i++)
            {
                raw.Append(lines[i]).Append('\n');
            }

            i--;
            if (raw.Length > 0)
            {
                messages.Add(Encoding.Latin1.GetBytes(raw.ToString()));
            }
        }

        return messages;
    }

    /// <summary>Header values of <paramref name="name"/> in every message of every transcript.</summary>
    public static IEnumerable<string> HeaderValues(string headerName)
    {
        var prefix = headerName + ": ";
        return Names.SelectMany(file => File.ReadAllLines(Path.Combine(Directory, file), Encoding.Latin1))
            .Where(line => line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(line => line[prefix.Length..].TrimEnd('\r'))
            .Distinct()
            .Order(StringComparer.Ordinal);
    }
}
