using System.Globalization;
using Rtsp.Harness.Scenarios.Steps;
using YamlDotNet.RepresentationModel;

namespace Rtsp.Harness.Scenarios;

/// <summary>
/// Reads the robustness family's step kinds (schema in <c>scenarios/README.md</c>, "Robustness steps"). Each kind files
/// its finding under its own check unless the step names another with <c>check:</c>.
/// </summary>
internal sealed class RobustnessStepReader(YamlReader reader, Func<Dictionary<string, YamlNode>, string, string> readCheckId)
{
    public static readonly string[] Kinds = ["split", "bytewise", "pipeline", "malformed", "oversize", "slowloris", "session_flood", "takeover", "reflection"];

    public ScenarioStep Read(string kind, YamlNode body, int line) => kind switch
    {
        "split" => Split(body, line),
        "bytewise" => ByteWise(body, line),
        "pipeline" => Pipeline(body, line),
        "malformed" => Malformed(body, line),
        "oversize" => Oversize(body, line),
        "slowloris" => Slowloris(body, line),
        "session_flood" => SessionFlood(body, line),
        "takeover" => Takeover(body, line),
        "reflection" => Reflection(body, line),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a robustness step"),
    };

    private Dictionary<string, YamlNode> Fields(YamlNode body, string kind, params string[] allowed) =>
        reader.Fields(reader.Mapping(body, kind), kind, [.. allowed, "check"]);

    private string Send(YamlNode body, Dictionary<string, YamlNode> fields, string kind)
    {
        var text = fields.TryGetValue("send", out var s) ? reader.Scalar(s, "send") : throw reader.Error(body, $"{kind} needs 'send' (the request text)");
        return text.Length == 0 ? throw reader.Error(s, $"{kind}: 'send' is empty") : text;
    }

    private TimeSpan Duration(Dictionary<string, YamlNode> fields, string key, TimeSpan fallback) =>
        fields.TryGetValue(key, out var node) ? reader.Duration(node, key) : fallback;

    private SplitStep Split(YamlNode body, int line)
    {
        var fields = Fields(body, "split", "send", "at", "pause", "wait");
        IReadOnlyList<int>? positions = null;
        if (fields.TryGetValue("at", out var at) && !(at is YamlScalarNode { Value: "every" }))
        {
            positions = reader.Sequence(at, "at").Children.Select(n => reader.Int(n, "a split position", 1, 1_000_000)).ToList();
        }

        return new SplitStep(line, Send(body, fields, "split"), positions, Duration(fields, "pause", TimeSpan.FromMilliseconds(20)),
            Duration(fields, "wait", TimeSpan.FromSeconds(2)), readCheckId(fields, "robust.split"));
    }

    private ByteWiseStep ByteWise(YamlNode body, int line)
    {
        var fields = Fields(body, "bytewise", "send", "interval", "wait");
        return new ByteWiseStep(line, Send(body, fields, "bytewise"), Duration(fields, "interval", TimeSpan.FromMilliseconds(5)),
            Duration(fields, "wait", TimeSpan.FromSeconds(3)), readCheckId(fields, "robust.split"));
    }

    private PipelineStep Pipeline(YamlNode body, int line)
    {
        var fields = Fields(body, "pipeline", "send", "count", "wait");
        return new PipelineStep(line, Send(body, fields, "pipeline"),
            fields.TryGetValue("count", out var c) ? reader.Int(c, "count", 2, 10_000) : throw reader.Error(body, "pipeline needs 'count'"),
            Duration(fields, "wait", TimeSpan.FromSeconds(5)), readCheckId(fields, "robust.pipeline"));
    }

    private MalformedStep Malformed(YamlNode body, int line)
    {
        var fields = Fields(body, "malformed", "label", "send", "accept", "within");
        var label = fields.TryGetValue("label", out var l) ? reader.Scalar(l, "label") : throw reader.Error(body, "malformed needs 'label' (what is wrong with the bytes)");
        var accept = fields.TryGetValue("accept", out var a)
            ? reader.ScalarList(a, "accept").Select(t => ScenarioLoader.ParseStatus(reader, a, t)).ToList()
            : [];
        return new MalformedStep(line, label, Send(body, fields, "malformed"), accept, Duration(fields, "within", TimeSpan.FromSeconds(2)),
            readCheckId(fields, "robust.malformed"));
    }

    private OversizeStep Oversize(YamlNode body, int line)
    {
        var fields = Fields(body, "oversize", "header_bytes", "header_count", "uri_bytes", "content_length", "within");
        var kinds = new (string Key, OversizeKind Kind, long Max)[]
        {
            ("header_bytes", OversizeKind.HeaderBytes, 16 << 20), ("header_count", OversizeKind.HeaderCount, 1_000_000),
            ("uri_bytes", OversizeKind.UriBytes, 16 << 20), ("content_length", OversizeKind.ContentLength, long.MaxValue),
        };
        var given = kinds.Where(k => fields.ContainsKey(k.Key)).ToList();
        if (given.Count != 1)
        {
            throw reader.Error(body, "oversize needs exactly one of header_bytes, header_count, uri_bytes, content_length");
        }

        var (key, kind, max) = given[0];
        var text = reader.Scalar(fields[key], key);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > max)
        {
            throw reader.Error(fields[key], $"{key} must be a whole number from 1 to {max}, not '{text}'");
        }

        return new OversizeStep(line, kind, size, Duration(fields, "within", TimeSpan.FromSeconds(2)), readCheckId(fields, "robust.oversize"));
    }

    private SlowlorisStep Slowloris(YamlNode body, int line)
    {
        var fields = Fields(body, "slowloris", "connections", "interval", "duration");
        var step = new SlowlorisStep(line,
            fields.TryGetValue("connections", out var c) ? reader.Int(c, "connections", 1, 256) : 1,
            Duration(fields, "interval", TimeSpan.FromSeconds(1)),
            fields.TryGetValue("duration", out var d) ? reader.Duration(d, "duration") : throw reader.Error(body, "slowloris needs 'duration' (its bound, e.g. 5s)"),
            readCheckId(fields, "robust.slowloris"));
        return step.Interval <= TimeSpan.Zero || step.Interval >= step.Duration
            ? throw reader.Error(body, "slowloris: 'interval' must be more than 0 and shorter than 'duration'")
            : step;
    }

    private SessionFloodStep SessionFlood(YamlNode body, int line)
    {
        var fields = Fields(body, "session_flood", "sessions");
        return new SessionFloodStep(line,
            fields.TryGetValue("sessions", out var s) ? reader.Int(s, "sessions", 1, 1000) : throw reader.Error(body, "session_flood needs 'sessions' (its bound)"),
            readCheckId(fields, "robust.limit.sessions"));
    }

    private TakeoverStep Takeover(YamlNode body, int line)
    {
        var fields = Fields(body, "takeover", "victim", "method", "from", "observe");
        var method = fields.TryGetValue("method", out var m) ? reader.Scalar(m, "method") : throw reader.Error(body, "takeover needs 'method'");
        if (method is not ("PLAY" or "PAUSE" or "TEARDOWN" or "GET_PARAMETER" or "SET_PARAMETER"))
        {
            throw reader.Error(m, $"takeover method '{method}' must be PLAY, PAUSE, TEARDOWN, GET_PARAMETER or SET_PARAMETER");
        }

        var from = fields.TryGetValue("from", out var f) ? reader.Scalar(f, "from") : "address";
        if (from is not ("address" or "connection"))
        {
            throw reader.Error(f!, $"takeover from '{from}' must be address (127.0.0.2 on loopback) or connection (same address)");
        }

        return new TakeoverStep(line,
            fields.TryGetValue("victim", out var v) ? reader.Scalar(v, "victim") : ScenarioStep.DefaultSession,
            method, from == "address", Duration(fields, "observe", TimeSpan.FromSeconds(1)),
            readCheckId(fields, from == "address" ? "robust.takeover.address" : "robust.takeover.connection"));
    }

    private ReflectionStep Reflection(YamlNode body, int line)
    {
        var fields = Fields(body, "reflection", "session", "destination", "observe");
        return new ReflectionStep(line,
            fields.TryGetValue("session", out var s) ? reader.Scalar(s, "session") : ScenarioStep.DefaultSession,
            fields.TryGetValue("destination", out var d) ? reader.Scalar(d, "destination") : "192.0.2.55",
            Duration(fields, "observe", TimeSpan.FromMilliseconds(1500)),
            readCheckId(fields, "robust.reflection"));
    }
}
