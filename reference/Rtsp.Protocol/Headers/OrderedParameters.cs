using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Rtsp.Protocol.Headers;

/// <summary>A small read-only name → value map that keeps insertion order (formatting follows the wire order)
/// and compares names case-insensitively, as RFC 2617 auth-param names are.</summary>
internal sealed class OrderedParameters : IReadOnlyDictionary<string, string>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public OrderedParameters(IEnumerable<(string Name, string Value)> items)
    {
        foreach (var (name, value) in items)
        {
            if (ContainsKey(name))
            {
                throw new ArgumentException($"Parameter '{name}' given twice.", nameof(items));
            }

            _items.Add(new(name, value));
        }
    }

    public int Count => _items.Count;

    public IEnumerable<string> Keys => _items.Select(i => i.Key);

    public IEnumerable<string> Values => _items.Select(i => i.Value);

    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => _items.Exists(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase));

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var item in _items)
        {
            if (string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = item.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
