using System.Collections;

namespace Rtsp.Protocol.Rtsp;

/// <summary>
/// The header fields of one RTSP message, in wire order. Names compare case-insensitively (RFC 2326 §4.2 borrows
/// RFC 2616 §4.2); a name may occur more than once, and the order is kept because some peers depend on it.
/// </summary>
public sealed class RtspHeaderCollection : IEnumerable<(string Name, string Value)>
{
    private readonly List<(string Name, string Value)> _fields = [];

    public int Count => _fields.Count;

    /// <summary>Appends a field. Names must be tokens and values must not contain CR, LF or NUL, so a value can
    /// never smuggle a second header or message onto the wire.</summary>
    public void Add(string name, string value)
    {
        ValidateName(name);
        ValidateValue(name, value);
        _fields.Add((name, value));
    }

    /// <summary>Replaces every field of this name by one field (kept at the position of the first), or appends it.</summary>
    public void Set(string name, string value)
    {
        ValidateName(name);
        ValidateValue(name, value);
        var first = _fields.FindIndex(f => NameEquals(f.Name, name));
        if (first < 0)
        {
            _fields.Add((name, value));
            return;
        }

        _fields[first] = (_fields[first].Name, value);
        for (var i = _fields.Count - 1; i > first; i--)
        {
            if (NameEquals(_fields[i].Name, name))
            {
                _fields.RemoveAt(i);
            }
        }
    }

    /// <summary>Removes every field of this name; returns whether there was one.</summary>
    public bool Remove(string name) => _fields.RemoveAll(f => NameEquals(f.Name, name)) > 0;

    /// <summary>The value of the first field of this name, or null.</summary>
    public string? Get(string name)
    {
        foreach (var (n, v) in _fields)
        {
            if (NameEquals(n, name))
            {
                return v;
            }
        }

        return null;
    }

    public IEnumerable<string> GetAll(string name) =>
        _fields.Where(f => NameEquals(f.Name, name)).Select(f => f.Value).ToList();

    public bool Contains(string name) => _fields.Exists(f => NameEquals(f.Name, name));

    public IEnumerator<(string Name, string Value)> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool NameEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!RtspSyntax.IsToken(name))
        {
            throw new ArgumentException($"'{name}' is not a valid header name (RFC 2616 token).", nameof(name));
        }
    }

    private static void ValidateValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException($"The value of header '{name}' contains CR, LF or NUL.", nameof(value));
        }
    }
}
