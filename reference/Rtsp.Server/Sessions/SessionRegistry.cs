using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Rtsp.Server.Sessions;

/// <summary>Live sessions by id. Ids are 128 random bits (RFC 2326 12.37: chosen so they cannot be guessed).</summary>
public sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, RtspSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public IEnumerable<RtspSession> All => _sessions.Values;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public bool TryAdd(RtspSession session) => _sessions.TryAdd(session.Id, session);

    public RtspSession? Find(string id) => _sessions.GetValueOrDefault(id);

    public bool Remove(RtspSession session) => _sessions.TryRemove(new KeyValuePair<string, RtspSession>(session.Id, session));
}
