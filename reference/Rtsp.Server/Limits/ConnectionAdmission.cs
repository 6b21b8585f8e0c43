using System.Net;

namespace Rtsp.Server.Limits;

/// <summary>
/// Counts open connections in all and per client address, and admits a new one only below both limits
/// (<see cref="ServerLimits.MaxConnections"/>, <see cref="ServerLimits.MaxConnectionsPerAddress"/>). Counts are
/// of connections open now, so any number of clients that come and go one after another is never refused.
/// </summary>
public sealed class ConnectionAdmission
{
    private readonly int _maxTotal;
    private readonly int _maxPerAddress;
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _total;

    public ConnectionAdmission(int maxTotal, int maxPerAddress)
    {
        _maxTotal = maxTotal;
        _maxPerAddress = maxPerAddress;
    }

    public int Open
    {
        get
        {
            lock (_perAddress)
                return _total;
        }
    }

    /// <summary>
    /// A ticket to dispose when the connection ends, or null with the limit that refused it
    /// (<paramref name="refusedBy"/> is the option name and its value).
    /// </summary>
    public IDisposable? TryAdmit(IPAddress address, out (string Option, int Value) refusedBy)
    {
        lock (_perAddress)
        {
            if (_total >= _maxTotal)
            {
                refusedBy = (ServerLimits.MaxConnectionsOption, _maxTotal);
                return null;
            }
            int fromAddress = _perAddress.GetValueOrDefault(address);
            if (fromAddress >= _maxPerAddress)
            {
                refusedBy = (ServerLimits.MaxConnectionsPerAddressOption, _maxPerAddress);
                return null;
            }
            _perAddress[address] = fromAddress + 1;
            _total++;
        }
        refusedBy = default;
        return new Ticket(this, address);
    }

    private void Leave(IPAddress address)
    {
        lock (_perAddress)
        {
            _total--;
            int left = _perAddress[address] - 1;
            if (left == 0)
                _perAddress.Remove(address);
            else
                _perAddress[address] = left;
        }
    }

    private sealed class Ticket(ConnectionAdmission owner, IPAddress address) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Leave(address);
        }
    }
}
