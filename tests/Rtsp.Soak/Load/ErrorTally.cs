using System.Collections.Concurrent;

namespace Rtsp.Soak.Load;

/// <summary>Errors counted by kind, with the first message of each kind kept as an example.</summary>
public sealed class ErrorTally
{
    private readonly ConcurrentDictionary<string, (long Count, string Example)> _byKind = new();

    public long Total => _byKind.Values.Sum(v => v.Count);

    public void Add(string kind, string example) =>
        _byKind.AddOrUpdate(kind, _ => (1, example), (_, v) => (v.Count + 1, v.Example));

    public IReadOnlyList<(string Kind, long Count, string Example)> ByKind =>
        [.. _byKind.OrderByDescending(p => p.Value.Count).Select(p => (p.Key, p.Value.Count, p.Value.Example))];
}
