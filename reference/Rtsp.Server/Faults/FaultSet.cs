namespace Rtsp.Server.Faults;

/// <summary>The fault switches a server runs with (usually none), and its hostile behaviour (usually none).</summary>
public sealed class FaultSet
{
    private readonly HashSet<FaultKind> _active;

    public FaultSet(IEnumerable<FaultKind> active) => _active = [.. active];

    public static FaultSet None { get; } = new([]);

    public bool IsEmpty => _active.Count == 0;

    public IEnumerable<FaultKind> Active => _active.Order();

    public bool Has(FaultKind kind) => _active.Contains(kind);

    /// <summary>The hostile behaviour (--hostile), one at most: each takes over the stream a peer reads.</summary>
    public HostileKind? Hostile { get; init; }

    public bool IsHostile(HostileKind kind) => Hostile == kind;

    /// <summary>Parses "name[,name...]" (names from <see cref="FaultCatalog"/>) and the hostile behaviour's name
    /// (<see cref="HostileCatalog"/>, or null); throws ArgumentException naming the unknown one.</summary>
    public static FaultSet Parse(IEnumerable<string> values, string? hostile = null)
    {
        var kinds = new List<FaultKind>();
        foreach (var name in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var fault = FaultCatalog.Find(name)
                ?? throw new ArgumentException($"unknown fault '{name}'; `rtsp-ref serve --fault list` shows the names");
            kinds.Add(fault.Kind);
        }
        return new FaultSet(kinds) { Hostile = hostile is null ? null : HostileCatalog.Parse(hostile) };
    }

    public override string ToString()
    {
        var faults = IsEmpty ? "none" : string.Join(",", Active.Select(k => FaultCatalog.All.First(f => f.Kind == k).Name));
        return Hostile is { } hostile ? $"{faults}; hostile: {HostileCatalog.Get(hostile).Name}" : faults;
    }
}
