namespace Platform.Providers.Quotas;

/// <summary>
/// A per-minute allowance refilled continuously on a <see cref="TimeProvider"/> (so tests can drive it).
/// A take is admitted once the bucket holds min(cost, capacity); larger takes drive the balance negative
/// and later takes wait for that debt to be repaid, so an oversized request is slowed, never starved.
/// Not thread-safe: <see cref="DeploymentQuota"/> locks around it.
/// </summary>
/// <remarks>
/// Written here rather than taken from System.Threading.RateLimiting: that package ships with ASP.NET Core
/// only (this library is plain), its limiters run on their own timers instead of a <see cref="TimeProvider"/>,
/// and they cannot settle an estimate against the real usage afterwards.
/// </remarks>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private double _balance;
    private long _refilledAt;

    public TokenBucket(int perMinute, TimeSpan burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        _time = time;
        _perSecond = perMinute / 60.0;
        Capacity = Math.Max(1, _perSecond * burst.TotalSeconds);
        _balance = Capacity;
        _refilledAt = time.GetTimestamp();
    }

    public double Capacity { get; }

    /// <summary>How long until <paramref name="cost"/> would be admitted; zero when it would be now.</summary>
    public TimeSpan WaitFor(double cost)
    {
        Refill();
        var needed = Math.Min(cost, Capacity);
        return _balance >= needed ? TimeSpan.Zero : TimeSpan.FromSeconds((needed - _balance) / _perSecond);
    }

    public void Take(double cost)
    {
        Refill();
        _balance -= cost;
    }

    public void Return(double amount)
    {
        Refill();
        _balance = Math.Min(Capacity, _balance + amount);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _balance = Math.Min(Capacity, _balance + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
        _refilledAt = now;
    }
}
