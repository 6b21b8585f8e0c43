using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Rtsp.Harness.Scenarios;

/// <summary>
/// Typed access to YAML nodes that fails with <see cref="ScenarioLoadException"/> naming the file and line, so a
/// scenario author sees "pause.yaml:14: 'window' must be a duration like 2s or 500ms" rather than a stack trace.
/// </summary>
internal sealed class YamlReader(string file)
{
    public string File { get; } = file;

    public ScenarioLoadException Error(YamlNode node, string problem) => new(File, node.Start.Line, problem);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines)");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public string Scalar(YamlNode node, string what) =>
        (node as YamlScalarNode)?.Value ?? throw Error(node, $"{what} must be a single value");

    /// <summary>A scalar or a list of scalars, as a list.</summary>
    public IReadOnlyList<string> ScalarList(YamlNode node, string what) =>
        node is YamlSequenceNode seq ? seq.Children.Select(c => Scalar(c, what)).ToList() : [Scalar(node, what)];

    public int Int(YamlNode node, string what, int min, int max)
    {
        var text = Scalar(node, what);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Error(node, $"{what} must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    public double Double(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw Error(node, $"{what} must be a positive number, not '{text}'");
        }

        return value;
    }

    public bool Bool(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(node, $"{what} must be true or false, not '{text}'"),
        };
    }

    /// <summary>"2s", "500ms", "1.5s" or a bare number of seconds.</summary>
    public TimeSpan Duration(YamlNode node, string what)
    {
        var text = Scalar(node, what).Trim();
        return TryParseDuration(text, out var duration)
            ? duration
            : throw Error(node, $"{what} must be a duration like 2s or 500ms (at most an hour), not '{text}'");
    }

    /// <summary>"2s", "500ms", "1.5s" or a bare number of seconds, from 0 to an hour.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value * scale > 3600)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    /// <summary>The mapping's entries by key, rejecting keys not in <paramref name="allowed"/> and duplicates.</summary>
    public Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string what, params string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Scalar(keyNode, $"a key of {what}");
            if (!allowed.Contains(key))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what}; allowed: {string.Join(", ", allowed)}");
            }

            if (!fields.TryAdd(key, valueNode))
            {
                throw Error(keyNode, $"'{key}' appears twice in {what}");
            }
        }

        return fields;
    }
}
