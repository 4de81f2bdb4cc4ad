using Platform.Providers.Quotas;
using Platform.Providers.Routing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.Providers.Resilience;

/// <summary>
/// The pipeline step in front of every attempt at a deployment: takes the attempt from the deployment's
/// quota, records the outcome in its statistics, and pauses the deployment when the provider answers 429.
/// </summary>
internal sealed class DeploymentGate(ModelDeployment deployment, DeploymentQuota quota, DeploymentStats stats, ModelCatalog catalog,
    TimeSpan maxRetryAfter, TimeProvider time) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var attempt = AttemptContext.Of(context);
        try
        {
            await quota.AcquireAsync(deployment.Target.DisplayName, attempt.EstimatedTokens, attempt.Mode, context.CancellationToken)
                .ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception e) when (e is ProviderException or OperationCanceledException)
        {
            return Outcome.FromException<TResult>(e);
        }

        var started = time.GetTimestamp();
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        switch (outcome.Exception)
        {
            case null:
                if (!attempt.Streaming)
                {
                    stats.RecordSuccess(time.GetElapsedTime(started), catalog.LoadBalancing);
                }

                break;
            case BrokenCircuitException:
                quota.Refund(attempt.EstimatedTokens, requestSent: false);
                break;
            case ProviderException { UpstreamStatus: System.Net.HttpStatusCode.TooManyRequests } limited:
                quota.Refund(attempt.EstimatedTokens, requestSent: true);
                if (limited.RetryAfter is { } retryAfter)
                {
                    quota.PauseFor(retryAfter < maxRetryAfter ? retryAfter : maxRetryAfter);
                }

                break;
            case var failure:
                quota.Refund(attempt.EstimatedTokens, requestSent: true);
                if (CountsAgainstHealth(failure, context))
                {
                    stats.RecordFailure(catalog.LoadBalancing);
                }

                break;
        }

        return outcome;
    }

    /// <summary>A refused request is the caller's fault, and a cancelled one nobody's.</summary>
    private static bool CountsAgainstHealth(Exception failure, ResilienceContext context) => failure switch
    {
        ProviderException { ErrorCode: ProviderErrorCode.InvalidRequest } => false,
        TimeoutRejectedException => true,
        OperationCanceledException => !context.CancellationToken.IsCancellationRequested,
        _ => true,
    };
}
