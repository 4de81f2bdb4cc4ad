using Platform.Providers.Routing;

namespace Platform.Providers.Accounting;

/// <summary>
/// One model call, as accounting keeps it: who answered, for whom, how many tokens at what price,
/// how long it took and whether it worked.
/// </summary>
/// <param name="ModelName">The public model name (for a config carried by the request: its `model_name`).</param>
/// <param name="DeploymentId">The deployment that answered, or that was tried; null when routing never chose one.</param>
/// <param name="TokensEstimated">True when the provider reported no token counts and they were counted from the text.</param>
/// <param name="ApiKeyId">The platform API key that made the call, when the caller authenticated with one.</param>
public sealed record UsageRecord(
    string ModelName,
    string? DeploymentId,
    CallMode Source,
    int PromptTokens,
    int CompletionTokens,
    bool TokensEstimated,
    decimal Cost,
    int LatencyMs,
    bool Success,
    string? ErrorCode,
    DateTimeOffset CreatedAt,
    string? ApiKeyId)
{
    /// <summary>Error code of a call the client abandoned before the answer was complete.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>A call that produced an answer, priced at the answering deployment's rates.</summary>
    public static UsageRecord Succeeded(ModelDeployment answeredBy, CallMode source, TokenCount tokens, TimeSpan latency,
        DateTimeOffset at, string? apiKeyId) =>
        new(answeredBy.ModelName, answeredBy.Id, source, tokens.Prompt, tokens.Completion, tokens.Estimated,
            answeredBy.Pricing.InputCost(tokens.Prompt) + answeredBy.Pricing.OutputCost(tokens.Completion),
            Milliseconds(latency), Success: true, ErrorCode: null, at, apiKeyId);

    /// <summary>
    /// A call that failed or was abandoned. Tokens a stream had already produced are kept (and priced),
    /// since the provider bills them.
    /// </summary>
    public static UsageRecord Failed(string modelName, ModelDeployment? triedDeployment, CallMode source, string errorCode,
        TokenCount tokens, TimeSpan latency, DateTimeOffset at, string? apiKeyId) =>
        new(modelName, triedDeployment?.Id, source, tokens.Prompt, tokens.Completion, tokens.Estimated,
            triedDeployment is null ? 0 : triedDeployment.Pricing.InputCost(tokens.Prompt) + triedDeployment.Pricing.OutputCost(tokens.Completion),
            Milliseconds(latency), Success: false, errorCode, at, apiKeyId);

    private static int Milliseconds(TimeSpan latency) => (int)Math.Min(int.MaxValue, Math.Round(latency.TotalMilliseconds));
}
