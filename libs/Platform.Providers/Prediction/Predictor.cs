using System.Diagnostics;
using Microsoft.Extensions.AI;
using Platform.Providers.Accounting;
using Platform.Providers.Caching;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Providers.Telemetry;

namespace Platform.Providers.Prediction;

/// <summary>
/// Renders a task's prompt and answers it from the shared prediction cache when the same model already
/// answered it, otherwise through the <see cref="ModelRouter"/>; reads the JSON answer and accounts the
/// call. Without the `llm` database (no <paramref name="usage"/>, no <paramref name="cache"/>) it only predicts.
/// </summary>
public sealed class Predictor(ModelRouter router, TimeProvider time, UsageRecorder? usage = null, AnswerCache? cache = null)
{
    private static readonly ActivitySource Activity = new("Platform.Providers");

    public Task<PredictionResult> PredictAsync(RouteTarget target, string content, CallPolicy policy, CallMode mode,
        CancellationToken cancellationToken) =>
        PredictAsync(target, content, policy, mode, PromptSettings.ModelDefaults, owner: null, cancellationToken);

    /// <param name="settings">What the caller sets on top of a registered model's own defaults.</param>
    /// <param name="owner">Whose cached answers the call may use (see <see cref="AnswerCache.KeyFor"/>).</param>
    public async Task<PredictionResult> PredictAsync(RouteTarget target, string content, CallPolicy policy, CallMode mode,
        PromptSettings settings, string? owner, CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("predict");
        activity?.SetTag("gen_ai.request.model", target.ToString());

        var template = settings.PromptTemplate ?? router.PromptTemplateOf(target) ?? ModelConfigValidator.ContentPlaceholder;
        var prompt = PromptRenderer.Render(template, content);
        var systemPrompt = settings.SystemPrompt ?? target.AdHoc?.Target.SystemPrompt;
        var started = time.GetTimestamp();
        // Only a config carried by the request is one endpoint; a registered name may be balanced over several providers.
        var cacheKey = cache is not null && target.AdHoc is { Target.UseCache: true } adHoc
            ? cache.KeyFor(adHoc.Target, prompt, systemPrompt, owner)
            : null;
        var cached = cacheKey is null ? null : await cache!.TryGetAsync(cacheKey, cancellationToken);
        if (cacheKey is not null)
        {
            ProviderMetrics.CacheLookup(hit: cached is not null);
        }
        if (cached is not null)
        {
            activity?.SetTag("platform.cache_hit", true);
            return Result(cached.Text, target.AdHoc!, attempts: 0, usage: null, time.GetElapsedTime(started)) with { Cached = true };
        }

        var messages = PromptRenderer.Messages(systemPrompt, prompt);
        try
        {
            var routed = await router.CompleteAsync(new RouteRequest(target, messages, settings.ToChatOptions(), policy, mode), cancellationToken);
            var response = routed.Response;
            activity?.SetTag("gen_ai.system", routed.AnsweredBy.Target.Kind.ModelType);
            usage?.Record(UsageRecord.Succeeded(routed.AnsweredBy, mode, TokenCount.Of(response.Usage, messages, response.Text), routed.Elapsed,
                time.GetUtcNow(), apiKeyId: null));
            if (cacheKey is not null)
            {
                var answer = new CachedAnswer(response.Text, response.ModelId);
                // An interactive caller may ask again at once, so its answer is cached before it is returned; a batch item's
                // outcome does not wait on the store (which logs its own failures), only the next call with the prompt reads it.
                var stored = cache!.StoreAsync(cacheKey, answer, target.AdHoc!.Target.CacheTtl, mode == CallMode.Batch ? CancellationToken.None : cancellationToken);
                if (mode != CallMode.Batch)
                {
                    await stored;
                }
            }
            return Result(response.Text, routed.AnsweredBy, routed.Attempts, response.Usage, routed.Elapsed);
        }
        catch (ProviderException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.ErrorCode);
            var elapsed = time.GetElapsedTime(started);
            usage?.Record(UsageRecord.Failed(target.ModelName ?? target.AdHoc!.ModelName, target.AdHoc, mode, e.ErrorCode, TokenCount.None,
                elapsed, time.GetUtcNow(), apiKeyId: null));
            throw new PredictionFailedException(e, e.Attempts, elapsed);
        }
    }

    private static PredictionResult Result(string text, ModelDeployment answeredBy, int attempts, UsageDetails? usage, TimeSpan elapsed)
    {
        var answer = JsonAnswerExtractor.Extract(text);
        return new PredictionResult(answer.Json, text, answer.Confidence, attempts, (int?)usage?.InputTokenCount,
            (int?)usage?.OutputTokenCount, answeredBy.Target.DisplayName, elapsed);
    }
}
