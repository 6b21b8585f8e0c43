using System.Globalization;
using System.Text.RegularExpressions;
using Rtsp.Harness.Scenarios.Steps;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rtsp.Harness.Scenarios;

/// <summary>
/// Reads scenario YAML files (schema in <c>scenarios/README.md</c>) into <see cref="Scenario"/> values. Every
/// problem — bad YAML, an unknown key, a wrong type, an unknown check id — is a <see cref="ScenarioLoadException"/>
/// naming the file and line.
/// </summary>
public sealed class ScenarioLoader
{
    private static readonly string[] ScenarioKeys = ["name", "description", "transports", "server_args", "requires", "tags", "frame_rate", "min_duration", "healthy", "steps"];
    private static readonly string[] RequestKeys = ["session", "url", "headers", "omit", "body", "content_type", "expect", "optional", "auth"];
    private static readonly string[] ExpectKeys = ["status", "headers", "body_contains", "body_regex", "sdp_parses", "no_response", "check"];
    private static readonly string[] StepKinds =
    [
        "options", "describe", "setup", "play", "pause", "teardown", "get_parameter", "set_parameter", "request",
        "raw", "wait", "expect", "expect_rtp", "repeat", "disconnect", .. RobustnessStepReader.Kinds,
    ];

    private readonly IReadOnlySet<string>? knownCheckIds;

    /// <param name="knownCheckIds">Check ids an expectation may name (the catalogue); null skips that validation.</param>
    public ScenarioLoader(IReadOnlySet<string>? knownCheckIds = null)
    {
        this.knownCheckIds = knownCheckIds;
    }

    /// <summary>Every *.yaml / *.yml file in <paramref name="directory"/>, sorted by name; names must be unique.</summary>
    public IReadOnlyList<Scenario> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"scenario directory '{directory}' does not exist");
        }

        var files = Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml"))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        var scenarios = new List<Scenario>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var scenario = LoadFile(file);
            if (seen.TryGetValue(scenario.Name, out var other))
            {
                throw new ScenarioLoadException(file, 1, $"scenario name '{scenario.Name}' is already used by {other}");
            }

            seen[scenario.Name] = file;
            scenarios.Add(scenario);
        }

        return scenarios;
    }

    public Scenario LoadFile(string path) => Load(System.IO.File.ReadAllText(path), path);

    public Scenario Load(string yamlText, string file)
    {
        var reader = new YamlReader(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            throw new ScenarioLoadException(file, e.Start.Line, $"not valid YAML: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18.1.0 throws these instead of a YamlException on some malformed input: its scanner on a
            // damaged plain scalar, its node loader on an unexpected event (found by afl-fuzz:
            // FuzzCorpus/scenario-yaml/crash-*); they carry no position.
            throw new ScenarioLoadException(file, 1, $"not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new ScenarioLoadException(file, 1, $"expected exactly one YAML document, found {stream.Documents.Count}");
        }

        var root = reader.Mapping(stream.Documents[0].RootNode, "a scenario");
        var fields = reader.Fields(root, "a scenario", ScenarioKeys);
        var name = Required(reader, root, fields, "name");
        if (!Regex.IsMatch(name, "^[a-z0-9][a-z0-9-]*$"))
        {
            throw reader.Error(fields["name"], $"name '{name}' must be lower-case letters, digits and dashes (it names report files)");
        }

        var description = Required(reader, root, fields, "description");
        var transports = fields.TryGetValue("transports", out var t) ? reader.ScalarList(t, "transports") : ["udp", "tcp"];
        foreach (var transport in transports)
        {
            if (transport is not ("udp" or "tcp"))
            {
                throw reader.Error(t!, $"transport '{transport}' must be udp or tcp");
            }
        }

        var serverArgs = fields.TryGetValue("server_args", out var a) ? reader.ScalarList(a, "server_args") : [];
        var requires = fields.TryGetValue("requires", out var rq) ? reader.ScalarList(rq, "requires") : [];
        foreach (var requirement in requires)
        {
            if (!MediaRequirement.All.Contains(requirement))
            {
                throw reader.Error(rq!, $"requires '{requirement}' is not one of {string.Join(", ", MediaRequirement.All)}");
            }
        }

        if (requires.Contains(MediaRequirement.StoredMedia) && requires.Contains(MediaRequirement.LiveMedia))
        {
            throw reader.Error(rq!, "a presentation is either stored or live: requires cannot name both");
        }

        var tags = fields.TryGetValue("tags", out var tg) ? reader.ScalarList(tg, "tags") : [];
        double? frameRate = fields.TryGetValue("frame_rate", out var fr) ? reader.Double(fr, "frame_rate") : null;
        TimeSpan? minDuration = fields.TryGetValue("min_duration", out var md) ? reader.Duration(md, "min_duration") : null;
        if (!fields.TryGetValue("steps", out var stepsNode))
        {
            throw reader.Error(root, "a scenario needs 'steps'");
        }

        string? healthy = null;
        if (fields.TryGetValue("healthy", out var h))
        {
            healthy = reader.Scalar(h, "healthy");
            if (healthy is not ("udp" or "tcp"))
            {
                throw reader.Error(h, $"healthy '{healthy}' must be udp or tcp (the transport of the companion session)");
            }
        }

        var steps = ReadSteps(reader, stepsNode);
        if (steps.Count == 0)
        {
            throw reader.Error(stepsNode, "'steps' is empty");
        }

        return new Scenario(name, description, file, transports.Distinct().ToList(), serverArgs, tags, frameRate, steps)
        {
            Requires = requires.Distinct().ToList(),
            Healthy = healthy,
            MinDuration = minDuration,
        };
    }

    private static string Required(YamlReader reader, YamlNode owner, Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            throw reader.Error(owner, $"a scenario needs '{key}'");
        }

        var value = reader.Scalar(node, key);
        return string.IsNullOrWhiteSpace(value) ? throw reader.Error(node, $"'{key}' is empty") : value;
    }

    private List<ScenarioStep> ReadSteps(YamlReader reader, YamlNode node)
    {
        var steps = new List<ScenarioStep>();
        foreach (var item in reader.Sequence(node, "steps").Children)
        {
            steps.Add(ReadStep(reader, item));
        }

        return steps;
    }

    private ScenarioStep ReadStep(YamlReader reader, YamlNode item)
    {
        var mapping = reader.Mapping(item, "a step");
        if (mapping.Children.Count != 1)
        {
            throw reader.Error(item, $"a step is one key naming its kind ({string.Join(", ", StepKinds)}), found {mapping.Children.Count} keys");
        }

        var (kindNode, body) = mapping.Children.First();
        var kind = reader.Scalar(kindNode, "a step kind");
        var line = (int)item.Start.Line;
        return kind switch
        {
            "options" => ReadRequest(reader, body, line, "OPTIONS", RequestKeys),
            "describe" => ReadRequest(reader, body, line, "DESCRIBE", RequestKeys),
            "pause" => ReadRequest(reader, body, line, "PAUSE", RequestKeys),
            "teardown" => ReadRequest(reader, body, line, "TEARDOWN", RequestKeys),
            "get_parameter" => ReadRequest(reader, body, line, "GET_PARAMETER", RequestKeys),
            "set_parameter" => ReadRequest(reader, body, line, "SET_PARAMETER", RequestKeys),
            "request" => ReadGenericRequest(reader, body, line),
            "setup" => ReadSetup(reader, body, line),
            "play" => ReadPlay(reader, body, line),
            "raw" => ReadRaw(reader, body, line),
            "wait" => new WaitStep(line, reader.Duration(body, "wait")),
            "expect" => ReadExpectStep(reader, body, line),
            "expect_rtp" => ReadExpectRtp(reader, body, line),
            "repeat" => ReadRepeat(reader, body, line),
            "disconnect" => new DisconnectStep(line, ReadSessionOnly(reader, body)),
            _ when RobustnessStepReader.Kinds.Contains(kind) => new RobustnessStepReader(reader, (f, d) => ReadCheckId(reader, f, d)).Read(kind, body, line),
            _ => throw reader.Error(kindNode, $"unknown step '{kind}'; steps are: {string.Join(", ", StepKinds)}"),
        };
    }

    /// <summary>`describe:` with nothing after it is an empty mapping.</summary>
    private static YamlMappingNode MappingOrEmpty(YamlReader reader, YamlNode body, string what) =>
        body is YamlScalarNode { Value: null or "" or "~" or "null" } ? new YamlMappingNode() : reader.Mapping(body, what);

    private RequestStep ReadRequest(YamlReader reader, YamlNode body, int line, string method, string[] allowed)
    {
        var fields = reader.Fields(MappingOrEmpty(reader, body, method.ToLowerInvariant()), method.ToLowerInvariant(), allowed);
        return ReadRequestFields(reader, fields, line, method);
    }

    private RequestStep ReadRequestFields(YamlReader reader, Dictionary<string, YamlNode> fields, int line, string method)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (fields.TryGetValue("headers", out var h))
        {
            foreach (var (k, v) in reader.Mapping(h, "headers").Children)
            {
                headers.Add(new(reader.Scalar(k, "a header name"), reader.Scalar(v, "a header value")));
            }
        }

        return new RequestStep(
            line,
            ReadSession(reader, fields),
            method,
            fields.TryGetValue("url", out var u) ? reader.Scalar(u, "url") : null,
            headers,
            fields.TryGetValue("omit", out var o) ? reader.ScalarList(o, "omit") : [],
            fields.TryGetValue("body", out var b) ? reader.Scalar(b, "body") : null,
            fields.TryGetValue("content_type", out var ct) ? reader.Scalar(ct, "content_type") : null,
            fields.TryGetValue("expect", out var e) ? ReadExpectation(reader, e) : null,
            fields.TryGetValue("optional", out var op) && reader.Bool(op, "optional"),
            fields.TryGetValue("auth", out var au) ? ReadAuth(reader, au) : null);
    }

    /// <summary><c>auth: run | wrong | none</c>, or <c>auth: { user: U, password: P }</c>.</summary>
    private static StepAuth ReadAuth(YamlReader reader, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return reader.Scalar(node, "auth") switch
            {
                "run" => new StepAuth(AuthSource.Run),
                "wrong" => new StepAuth(AuthSource.WrongPassword),
                "none" => StepAuth.None,
                var other => throw reader.Error(node, $"auth '{other}' must be run, wrong, none or {{ user: U, password: P }}"),
            };
        }

        var fields = reader.Fields(reader.Mapping(node, "auth"), "auth", "user", "password");
        if (!fields.TryGetValue("user", out var user) || !fields.TryGetValue("password", out var password))
        {
            throw reader.Error(node, "auth needs 'user' and 'password'");
        }

        return new StepAuth(AuthSource.Given, new Credentials(reader.Scalar(user, "user"), reader.Scalar(password, "password")));
    }

    private RequestStep ReadGenericRequest(YamlReader reader, YamlNode body, int line)
    {
        var fields = reader.Fields(reader.Mapping(body, "request"), "request", [.. RequestKeys, "method"]);
        if (!fields.TryGetValue("method", out var m))
        {
            throw reader.Error(body, "request needs 'method'");
        }

        var method = reader.Scalar(m, "method");
        if (!Regex.IsMatch(method, "^[A-Za-z_-]+$"))
        {
            throw reader.Error(m, $"method '{method}' must be a token (letters, '_' and '-'); use raw: for malformed request lines");
        }

        return ReadRequestFields(reader, fields, line, method);
    }

    private SetupStep ReadSetup(YamlReader reader, YamlNode body, int line)
    {
        var fields = reader.Fields(MappingOrEmpty(reader, body, "setup"), "setup",
            [.. RequestKeys, "track", "transport", "interleaved", "transport_header", "destination"]);
        var request = ReadRequestFields(reader, fields, line, "SETUP");
        string? lower = null;
        if (fields.TryGetValue("transport", out var t))
        {
            lower = reader.Scalar(t, "transport");
            if (lower is not ("udp" or "tcp"))
            {
                throw reader.Error(t, $"transport '{lower}' must be udp or tcp (leave it out to use the run's transport)");
            }
        }

        string? interleaved = null;
        if (fields.TryGetValue("interleaved", out var i))
        {
            interleaved = reader.Scalar(i, "interleaved");
            if (interleaved != "none" && !Regex.IsMatch(interleaved, "^[0-9]{1,3}(-[0-9]{1,3})?$"))
            {
                throw reader.Error(i, $"interleaved '{interleaved}' must be channels like 0-1, or none");
            }
        }

        return new SetupStep(
            request,
            fields.TryGetValue("track", out var tr) ? reader.Int(tr, "track", 0, 63) : 0,
            lower,
            interleaved,
            fields.TryGetValue("transport_header", out var th) ? reader.Scalar(th, "transport_header") : null,
            fields.TryGetValue("destination", out var d) ? reader.Scalar(d, "destination") : null);
    }

    private PlayStep ReadPlay(YamlReader reader, YamlNode body, int line)
    {
        var fields = reader.Fields(MappingOrEmpty(reader, body, "play"), "play", [.. RequestKeys, "range"]);
        var range = fields.TryGetValue("range", out var r) ? reader.Scalar(r, "range") : null;
        if (range is not null && RelativeRange.SyntaxError(range) is { } rangeError)
        {
            throw reader.Error(r!, rangeError);
        }

        return new PlayStep(ReadRequestFields(reader, fields, line, "PLAY"), range);
    }

    private RawStep ReadRaw(YamlReader reader, YamlNode body, int line)
    {
        if (body is YamlScalarNode scalar)
        {
            return new RawStep(line, ScenarioStep.DefaultSession, [scalar.Value ?? string.Empty], TimeSpan.Zero, 1, null);
        }

        var fields = reader.Fields(reader.Mapping(body, "raw"), "raw", "session", "send", "chunks", "delay", "responses", "expect");
        IReadOnlyList<string> chunks = fields.TryGetValue("send", out var s) ? [reader.Scalar(s, "send")]
            : fields.TryGetValue("chunks", out var c) ? reader.Sequence(c, "chunks").Children.Select(n => reader.Scalar(n, "a chunk")).ToList()
            : throw reader.Error(body, "raw needs 'send' (one string) or 'chunks' (a list of strings)");
        if (chunks.Count == 0 || chunks.All(string.IsNullOrEmpty))
        {
            throw reader.Error(body, "raw has nothing to send");
        }

        return new RawStep(
            line,
            ReadSession(reader, fields),
            chunks,
            fields.TryGetValue("delay", out var d) ? reader.Duration(d, "delay") : TimeSpan.FromMilliseconds(100),
            fields.TryGetValue("responses", out var r) ? reader.Int(r, "responses", 0, 16) : 1,
            fields.TryGetValue("expect", out var e) ? ReadExpectation(reader, e) : null);
    }

    private ExpectStep ReadExpectStep(YamlReader reader, YamlNode body, int line)
    {
        var mapping = reader.Mapping(body, "expect");
        var session = ScenarioStep.DefaultSession;
        var withoutSession = new YamlMappingNode();
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: "session" })
            {
                session = reader.Scalar(v, "session");
            }
            else
            {
                withoutSession.Add(k, v);
            }
        }

        return new ExpectStep(line, session, ReadExpectation(reader, withoutSession, mapping.Start.Line));
    }

    private ExpectRtpStep ReadExpectRtp(YamlReader reader, YamlNode body, int line)
    {
        var fields = reader.Fields(reader.Mapping(body, "expect_rtp"), "expect_rtp",
            "session", "window", "frames_at_least", "frames_at_most", "silence", "grace", "continuity", "check");
        if (!fields.TryGetValue("window", out var w))
        {
            throw reader.Error(body, "expect_rtp needs 'window' (how long to watch, e.g. 2s)");
        }

        var step = new ExpectRtpStep(
            line,
            ReadSession(reader, fields),
            reader.Duration(w, "window"),
            fields.TryGetValue("frames_at_least", out var fl) ? ReadFrameCount(reader, fl, "frames_at_least") : null,
            fields.TryGetValue("frames_at_most", out var fm) ? ReadFrameCount(reader, fm, "frames_at_most") : null,
            fields.TryGetValue("silence", out var s) && reader.Bool(s, "silence"),
            fields.TryGetValue("grace", out var g) ? reader.Duration(g, "grace") : TimeSpan.FromMilliseconds(300),
            fields.TryGetValue("continuity", out var c) && reader.Bool(c, "continuity"),
            ReadCheckId(reader, fields, "scenario.media"));
        if (step.Silence && (step.FramesAtLeast is { Absolute: null or > 0 } || step.Continuity))
        {
            throw reader.Error(body, "expect_rtp cannot ask for silence and for frames or continuity at once");
        }

        if (step.Silence && step.Grace >= step.Window)
        {
            throw reader.Error(body, "expect_rtp: 'grace' must be shorter than 'window'");
        }

        if (!step.Silence && step.FramesAtLeast is null && step.FramesAtMost is null && !step.Continuity)
        {
            throw reader.Error(body, "expect_rtp needs something to judge: frames_at_least, frames_at_most, silence or continuity");
        }

        return step;
    }

    private static FrameCount ReadFrameCount(YamlReader reader, YamlNode node, string what)
    {
        var count = FrameCount.TryParse(reader.Scalar(node, what), out var error) ?? throw reader.Error(node, $"{what}: {error}");
        return count.Absolute is > 1_000_000 || count.Percent is > 1000
            ? throw reader.Error(node, $"{what} {count} is beyond any sensible bound")
            : count;
    }

    private RepeatStep ReadRepeat(YamlReader reader, YamlNode body, int line)
    {
        var fields = reader.Fields(reader.Mapping(body, "repeat"), "repeat", "times", "steps");
        if (!fields.TryGetValue("times", out var t) || !fields.TryGetValue("steps", out var s))
        {
            throw reader.Error(body, "repeat needs 'times' and 'steps'");
        }

        var steps = ReadSteps(reader, s);
        return steps.Count == 0 ? throw reader.Error(s, "repeat has no steps") : new RepeatStep(line, reader.Int(t, "times", 1, 1000), steps);
    }

    private Expectation ReadExpectation(YamlReader reader, YamlNode node, long? lineOverride = null)
    {
        var fields = reader.Fields(reader.Mapping(node, "expect"), "expect", ExpectKeys);
        var statuses = new List<StatusRange>();
        if (fields.TryGetValue("status", out var st))
        {
            foreach (var text in reader.ScalarList(st, "status"))
            {
                statuses.Add(ParseStatus(reader, st, text));
            }
        }

        var headers = new List<HeaderExpectation>();
        if (fields.TryGetValue("headers", out var h))
        {
            foreach (var (k, v) in reader.Mapping(h, "headers").Children)
            {
                headers.Add(ReadHeaderExpectation(reader, reader.Scalar(k, "a header name"), v));
            }
        }

        var bodyRegex = fields.TryGetValue("body_regex", out var br) ? reader.ScalarList(br, "body_regex") : [];
        foreach (var pattern in bodyRegex)
        {
            ValidateRegex(reader, br!, pattern);
        }

        return new Expectation(
            statuses,
            headers,
            fields.TryGetValue("body_contains", out var bc) ? reader.ScalarList(bc, "body_contains") : [],
            bodyRegex,
            fields.TryGetValue("sdp_parses", out var sp) && reader.Bool(sp, "sdp_parses"),
            fields.TryGetValue("no_response", out var nr) && reader.Bool(nr, "no_response"),
            ReadCheckId(reader, fields, Expectation.DefaultCheckId),
            (int)(lineOverride ?? node.Start.Line));
    }

    internal static StatusRange ParseStatus(YamlReader reader, YamlNode node, string text)
    {
        if (Regex.IsMatch(text, "^[1-5]xx$"))
        {
            var hundred = (text[0] - '0') * 100;
            return new StatusRange(hundred, hundred + 99);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
        {
            return new StatusRange(code, code);
        }

        throw reader.Error(node, $"status '{text}' must be a code like 200 or a class like 4xx");
    }

    private static HeaderExpectation ReadHeaderExpectation(YamlReader reader, string name, YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value switch
            {
                "present" => new HeaderExpectation(name, HeaderRule.Present, null),
                "absent" => new HeaderExpectation(name, HeaderRule.Absent, null),
                _ => throw reader.Error(node, $"header '{name}': write present, absent, or one of {{equals: ...}}, {{contains: ...}}, {{regex: ...}}"),
            };
        }

        var mapping = reader.Mapping(node, $"header '{name}'");
        if (mapping.Children.Count != 1)
        {
            throw reader.Error(node, $"header '{name}': exactly one of equals, contains, regex");
        }

        var (ruleNode, valueNode) = mapping.Children.First();
        var value = reader.Scalar(valueNode, $"header '{name}' value");
        var rule = reader.Scalar(ruleNode, "a header rule") switch
        {
            "equals" => HeaderRule.Equals,
            "contains" => HeaderRule.Contains,
            "regex" => HeaderRule.Regex,
            var other => throw reader.Error(ruleNode, $"header '{name}': unknown rule '{other}' (equals, contains, regex)"),
        };
        if (rule == HeaderRule.Regex)
        {
            ValidateRegex(reader, valueNode, value);
        }

        return new HeaderExpectation(name, rule, value);
    }

    private static void ValidateRegex(YamlReader reader, YamlNode node, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw reader.Error(node, $"'{pattern}' is not a valid regular expression: {e.Message}");
        }
    }

    private string ReadCheckId(YamlReader reader, Dictionary<string, YamlNode> fields, string fallback)
    {
        if (!fields.TryGetValue("check", out var node))
        {
            return fallback;
        }

        var id = reader.Scalar(node, "check");
        if (knownCheckIds is not null && !knownCheckIds.Contains(id))
        {
            throw reader.Error(node, $"unknown check id '{id}' (rtsp-harness list shows them all)");
        }

        return id;
    }

    private static string ReadSession(YamlReader reader, Dictionary<string, YamlNode> fields) =>
        fields.TryGetValue("session", out var s) ? ReadSessionName(reader, s) : ScenarioStep.DefaultSession;

    private static string ReadSessionOnly(YamlReader reader, YamlNode body)
    {
        var fields = reader.Fields(MappingOrEmpty(reader, body, "disconnect"), "disconnect", "session");
        return ReadSession(reader, fields);
    }

    private static string ReadSessionName(YamlReader reader, YamlNode node)
    {
        var name = reader.Scalar(node, "session");
        return Regex.IsMatch(name, "^[A-Za-z0-9_-]+$") ? name : throw reader.Error(node, $"session name '{name}' must be letters, digits, '_' or '-'");
    }
}
