using Polly;
using Platform.Providers.Routing;

namespace Platform.Providers.Resilience;

/// <summary>
/// What one routed call brings to a deployment's shared pipeline: the pipeline is cached per deployment
/// (its circuit must outlive calls), while retries, timeouts and the quota mode vary per call.
/// </summary>
/// <param name="EstimatedTokens">Prompt tokens taken from the tokens-per-minute quota before each attempt.</param>
/// <param name="Streaming">A stream's success and latency are recorded when it ends, not when its first chunk arrives.</param>
public sealed record AttemptContext(CallPolicy Policy, CallMode Mode, int EstimatedTokens, bool Streaming)
{
    public static readonly ResiliencePropertyKey<AttemptContext> Key = new("platform.attempt");

    public static AttemptContext Of(ResilienceContext context) =>
        context.Properties.TryGetValue(Key, out var value) ? value : throw new InvalidOperationException("The call's AttemptContext is missing");
}
