using Platform.Providers.Accounting;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Providers.Embeddings;

/// <summary>Embeddings through the <see cref="ModelRouter"/> (retries, fallbacks, quotas), with one usage record per call.</summary>
public sealed class Embedder(ModelRouter router, UsageRecorder usage, TimeProvider time)
{
    /// <param name="apiKeyId">The platform API key that made the call, when there is one.</param>
    public async Task<RoutedEmbeddings> EmbedAsync(EmbeddingsRouteRequest request, string? apiKeyId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var routed = await router.EmbedAsync(request, cancellationToken).ConfigureAwait(false);
            var tokens = new TokenCount(routed.Vectors.PromptTokens, 0, routed.Vectors.Estimated);
            usage.Record(UsageRecord.Succeeded(routed.AnsweredBy, request.Mode, tokens, routed.Elapsed, time.GetUtcNow(), apiKeyId));
            return routed;
        }
        catch (ProviderException e) when (e.ErrorCode != ProviderErrorCode.ModelNotFound)
        {
            // An unknown model name never reached a model: nothing to account.
            usage.Record(UsageRecord.Failed(request.Target.ModelName ?? request.Target.AdHoc!.ModelName, request.Target.AdHoc, request.Mode, e.ErrorCode, TokenCount.None,
                time.GetElapsedTime(started), time.GetUtcNow(), apiKeyId));
            throw;
        }
    }
}
