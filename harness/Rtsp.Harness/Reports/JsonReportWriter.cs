using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rtsp.Harness.Reports;

/// <summary><c>results.json</c>: the <see cref="RunReport"/> as it is, so other tools read the same facts the pages show.</summary>
public static class JsonReportWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Metrics may be NaN (no data) or infinite; JSON numbers cannot say so.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(RunReport report, string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, report, Options);
    }

    public static RunReport Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<RunReport>(stream, Options)
            ?? throw new JsonException($"{path} holds no report");
    }
}
