using System.Globalization;
using System.Threading.RateLimiting;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Server.Limits;

/// <summary>
/// One connection's request budget (<see cref="ServerLimits.MaxRequestsPerSecond"/>): a token bucket holding one
/// second's worth of requests, refilled continuously. A request over the rate is answered 503 with Retry-After
/// (the time until a token is back) instead of being handled, so a flooding client costs one small reply per
/// request and cannot starve the others.
/// </summary>
public sealed class RequestRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly int _perSecond;
    private readonly string _client;
    private readonly LimitLog _log;
    private bool _refusing;

    public RequestRateLimiter(int perSecond, string client, LimitLog log)
    {
        _perSecond = perSecond;
        _client = client;
        _log = log;
        // No replenishment timer per connection: the bucket is topped up from the elapsed time on each request.
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    /// <summary>Null when <paramref name="request"/> may be handled; else the 503 to send instead.</summary>
    public RtspResponse? Refuse(RtspRequest request)
    {
        _bucket.TryReplenish();
        using var lease = _bucket.AttemptAcquire();
        if (lease.IsAcquired)
        {
            _refusing = false;
            return null;
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        string value = _perSecond.ToString(CultureInfo.InvariantCulture);
        // One line per flood: the first refusal after an accepted request.
        if (!_refusing)
            _log.Reached(ServerLimits.MaxRequestsPerSecondOption, value, _client, $"{request.Method} answered 503, Retry-After {Math.Max(1, Math.Ceiling(wait.TotalSeconds))} s (and every request over the rate until it slows down)");
        _refusing = true;
        return LimitResponse.Create(RtspStatus.ServiceUnavailable,
            $"more than {value} requests a second on this connection ({ServerLimits.MaxRequestsPerSecondOption})",
            request.Headers.Get("CSeq"), wait);
    }

    public void Dispose() => _bucket.Dispose();
}
