using Platform.Providers.Routing;

namespace Platform.Providers.Quotas.SharedCounts;

/// <summary>
/// One deployment's requests and tokens per minute counted in <see cref="SharedWindows"/> (keys `model:{id}` and
/// `model-tokens:{id}`), so that every Gateway and ProviderWorker replica draws on the same quota. A request is charged
/// when it is made; tokens when the provider has reported them: the usage of finished calls rides on the next charge,
/// so a call costs one round trip (usage of the last calls before an outage or a quiet spell is not sent).
/// </summary>
public sealed class SharedDeploymentQuota
{
    private readonly SharedWindows _windows;
    private readonly RateLimit _limit;
    private readonly string _requestsKey;
    private readonly string _tokensKey;
    private long _unsentTokens;

    private SharedDeploymentQuota(SharedWindows windows, string deploymentId, RateLimit limit)
    {
        _windows = windows;
        _limit = limit;
        _requestsKey = "model:" + deploymentId;
        _tokensKey = "model-tokens:" + deploymentId;
    }

    /// <summary>The shared count of a deployment with a limit; null when there is nothing to count (or no store).</summary>
    public static SharedDeploymentQuota? For(SharedWindows? windows, ModelDeployment deployment) =>
        windows is not null && deployment.RateLimit != RateLimit.Unlimited ? new(windows, deployment.Id, deployment.RateLimit) : null;

    /// <summary>
    /// Charges one request of about <paramref name="estimatedTokens"/>; answers how long until the deployment's windows
    /// would admit it, zero when they do now (or when the store cannot be asked: the local quota then stands alone).
    /// </summary>
    public async Task<TimeSpan> ChargeAsync(int estimatedTokens, CancellationToken cancellationToken)
    {
        List<WindowCharge> charges = [];
        if (_limit.RequestsPerMinute is not null)
        {
            charges.Add(new WindowCharge(_requestsKey, 1));
        }

        if (_limit.TokensPerMinute is not null)
        {
            charges.Add(new WindowCharge(_tokensKey, (int)Math.Min(Interlocked.Exchange(ref _unsentTokens, 0), int.MaxValue)));
        }

        var wait = TimeSpan.Zero;
        foreach (var count in await _windows.TryChargeAsync(charges, cancellationToken).ConfigureAwait(false) ?? [])
        {
            // Tokens are known after the call, so a call is admitted while the window has room for its estimate (or, for
            // an estimate above the whole quota, while the window is empty).
            var over = count.Key == _requestsKey
                ? count.Count > _limit.RequestsPerMinute
                : count.Count + Math.Min(estimatedTokens, _limit.TokensPerMinute!.Value) > _limit.TokensPerMinute;
            wait = over && count.Left > wait ? count.Left : wait;
        }

        return wait;
    }

    /// <summary>Tokens a finished call used, sent with the next charge.</summary>
    public void Used(long tokens) => Interlocked.Add(ref _unsentTokens, tokens);
}
