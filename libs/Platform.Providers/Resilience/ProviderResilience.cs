using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Providers.Quotas;
using Platform.Providers.Routing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.Providers.Resilience;

/// <summary>
/// Builds the Polly pipeline of one deployment, outermost first: the call's deadline; retries with
/// exponential backoff and jitter on transient failures only (timeouts, 429, 5xx, connection errors),
/// honouring the provider's `Retry-After`; the deployment's quota and statistics
/// (<see cref="DeploymentGate"/>); its circuit breaker; and the timeout of each attempt. The pipeline is
/// shared by every call to the deployment, so per-call settings come from the <see cref="AttemptContext"/>.
/// </summary>
public sealed partial class ProviderResilience(
    IOptions<ProvidersOptions> providerOptions,
    IOptions<RoutingOptions> routingOptions,
    ModelCatalog catalog,
    TimeProvider time,
    ILogger<ProviderResilience> logger)
{
    public ResiliencePipeline Build(ModelDeployment deployment, DeploymentQuota quota, DeploymentStats stats,
        CircuitBreakerStateProvider circuit)
    {
        var options = providerOptions.Value;
        var routing = routingOptions.Value;
        var model = deployment.Target.DisplayName;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(AttemptContext.Of(args.Context).Policy.Deadline ?? routing.DefaultDeadline),
            })
            .AddRetry(new RetryStrategyOptions
            {
                // The call's policy decides how many; this is only the ceiling the options require.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(
                    args.AttemptNumber < AttemptContext.Of(args.Context).Policy.RetryAttempts && IsTransient(args.Outcome.Exception)),
                DelayGenerator = args => ValueTask.FromResult(UpstreamDelay(args.Outcome.Exception)
                    ?? CallerDelay(AttemptContext.Of(args.Context).Policy, args.AttemptNumber, options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is { } failure ? ProviderException.Redact(failure.Message, deployment.Target.ApiKey) : null;
                    LogRetry(logger, model, (int)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, reason);
                    return ValueTask.CompletedTask;
                },
            })
            .AddStrategy(_ => new DeploymentGate(deployment, quota, stats, catalog, options.MaxRetryAfter, time))
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = routing.FailureRatio,
                MinimumThroughput = routing.MinimumThroughput,
                SamplingDuration = routing.SamplingDuration,
                BreakDuration = routing.BreakDuration,
                StateProvider = circuit,
                // A 429 is the provider's quota, not its health: the gate pauses the deployment instead.
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome.Exception) && args.Outcome.Exception is not ProviderException { UpstreamStatus: System.Net.HttpStatusCode.TooManyRequests }),
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, model, (int)args.BreakDuration.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger, model);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(AttemptContext.Of(args.Context).Policy.AttemptTimeout),
            })
            .Build();
    }

    /// <summary>Worth another attempt: an attempt that timed out, or a provider failure that may pass (never our own quota refusal).</summary>
    private static bool IsTransient(Exception? failure) => failure switch
    {
        TimeoutRejectedException => true,
        ProviderException provider => provider.IsTransient && !provider.IsQuotaRejection,
        _ => false,
    };

    /// <summary>A caller's retry delay (seed 004's `retry_delay`) doubles per retry, up to <paramref name="max"/>.</summary>
    private static TimeSpan? CallerDelay(CallPolicy policy, int attempt, TimeSpan max) =>
        policy.RetryDelay is { } first ? TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << Math.Min(attempt, 20)), max.Ticks)) : null;

    /// <summary>A provider that says when to come back is believed, up to <see cref="ProvidersOptions.MaxRetryAfter"/>.</summary>
    private TimeSpan? UpstreamDelay(Exception? failure) =>
        failure is ProviderException { RetryAfter: { } retryAfter }
            ? retryAfter < providerOptions.Value.MaxRetryAfter ? retryAfter : providerOptions.Value.MaxRetryAfter
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Model} in {Delay} ms (attempt {Attempt} failed: {Reason})")]
    private static partial void LogRetry(ILogger logger, string model, int delay, int attempt, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Model} opened for {BreakMs} ms after repeated failures")]
    private static partial void LogCircuitOpened(ILogger logger, string model, int breakMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit of {Model} closed again")]
    private static partial void LogCircuitClosed(ILogger logger, string model);
}
