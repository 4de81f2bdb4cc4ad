using Platform.Providers.Quotas.SharedCounts;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Providers.Quotas;

/// <summary>
/// One deployment's requests- and tokens-per-minute buckets, and the pause a provider's 429 imposes. The buckets
/// smooth this replica's calls; the <see cref="SharedDeploymentQuota"/>, when there is one, holds every replica together
/// to the quota. Callers over the quota wait (batch) or are refused with the time to come back (interactive).
/// </summary>
public sealed class DeploymentQuota
{
    /// <summary>Timers may fire a tick early; a pause this close to its end is over.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;
    private readonly SharedDeploymentQuota? _shared;
    private DateTimeOffset _pausedUntil;

    public DeploymentQuota(RateLimit limit, TimeSpan burst, TimeProvider time, SharedDeploymentQuota? shared = null)
    {
        Limit = limit;
        _time = time;
        _shared = shared;
        _requests = limit.RequestsPerMinute is > 0 and var requests ? new TokenBucket(requests, burst, time) : null;
        _tokens = limit.TokensPerMinute is > 0 and var tokens ? new TokenBucket(tokens, burst, time) : null;
    }

    public RateLimit Limit { get; }

    /// <summary>Rough prompt size before the call (about four characters a token); settled against real usage after.</summary>
    public static int EstimateTokens(int characters) => Math.Max(1, (characters + 3) / 4);

    /// <summary>Takes one request and <paramref name="tokens"/>, waiting for them or throwing a quota rejection by <paramref name="mode"/>.</summary>
    public async ValueTask AcquireAsync(string model, int tokens, CallMode mode, CancellationToken cancellationToken)
    {
        while (true)
        {
            await TakeLocalAsync(model, tokens, mode, cancellationToken).ConfigureAwait(false);
            if (_shared is null)
            {
                return;
            }

            TimeSpan wait;
            try
            {
                wait = await _shared.ChargeAsync(tokens, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Refund(tokens, requestSent: false);
                throw;
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            // Other replicas used the quota up: nobody here asks the store again before its window ends.
            Refund(tokens, requestSent: false);
            PauseFor(wait);
            if (mode == CallMode.Interactive)
            {
                throw ProviderException.QuotaExceeded(model, wait);
            }
        }
    }

    private async ValueTask TakeLocalAsync(string model, int tokens, CallMode mode, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = Max(Max(PauseLeft(), _requests?.WaitFor(1)), _tokens?.WaitFor(tokens));
                if (wait <= TimeSpan.Zero)
                {
                    _requests?.Take(1);
                    _tokens?.Take(tokens);
                    return;
                }
            }

            if (mode == CallMode.Interactive)
            {
                throw ProviderException.QuotaExceeded(model, wait);
            }

            await Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back what a call that never reached the provider took.</summary>
    public void Refund(int tokens, bool requestSent)
    {
        lock (_gate)
        {
            if (!requestSent)
            {
                _requests?.Return(1);
            }

            _tokens?.Return(tokens);
        }
    }

    /// <summary>Corrects the estimate taken before the call with the tokens the provider reported.</summary>
    public void Settle(int estimated, long actual)
    {
        _shared?.Used(actual);
        lock (_gate)
        {
            if (actual > estimated)
            {
                _tokens?.Take(actual - estimated);
            }
            else
            {
                _tokens?.Return(estimated - actual);
            }
        }
    }

    /// <summary>The provider said 429: nobody calls it again before <paramref name="delay"/> is over.</summary>
    public void PauseFor(TimeSpan delay)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + delay;
            _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
        }
    }

    private TimeSpan PauseLeft()
    {
        var left = _pausedUntil - _time.GetUtcNow();
        return left > Tolerance ? left : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan? b) => b > a ? b.Value : a;
}
