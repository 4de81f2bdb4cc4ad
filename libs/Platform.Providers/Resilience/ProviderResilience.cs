using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.Providers.Resilience;

/// <summary>
/// Builds the Polly pipeline around one provider call: exponential backoff with jitter on transient
/// failures only (timeouts, 429, 5xx, connection errors), honouring the provider's `Retry-After`,
/// and a timeout on each attempt.
/// </summary>
public sealed partial class ProviderResilience(IOptions<ProvidersOptions> options, ILogger<ProviderResilience> logger)
{
    public ResiliencePipeline Build(string model, CallPolicy policy)
    {
        var builder = new ResiliencePipelineBuilder();
        if (policy.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = policy.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryBaseDelay,
                ShouldHandle = new PredicateBuilder()
                    .Handle<ProviderException>(exception => exception.IsTransient)
                    .Handle<TimeoutRejectedException>(),
                DelayGenerator = args => ValueTask.FromResult(UpstreamDelay(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    LogRetry(logger, model, (int)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(policy.AttemptTimeout).Build();
    }

    /// <summary>A provider that says when to come back is believed, up to <see cref="ProvidersOptions.MaxRetryAfter"/>.</summary>
    private TimeSpan? UpstreamDelay(Exception? failure) =>
        failure is ProviderException { RetryAfter: { } retryAfter }
            ? retryAfter < options.Value.MaxRetryAfter ? retryAfter : options.Value.MaxRetryAfter
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Model} in {Delay} ms (attempt {Attempt} failed: {Reason})")]
    private static partial void LogRetry(ILogger logger, string model, int delay, int attempt, string? reason);
}
