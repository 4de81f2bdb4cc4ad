using System.Text.Json;
using Platform.Gateway.Auth;
using Platform.Providers.Caching;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Routing;

using Platform.Gateway.Chat;

namespace Platform.Gateway.Predict;

/// <summary>
/// Seed 000's single prediction: the rendered prompt is looked up in the shared cache first, and a
/// fresh answer is stored there.
/// </summary>
public sealed class InteractivePredictor(InteractiveCalls calls, AnswerCache cache, TimeProvider time)
{
    /// <param name="registeredVersion">The registered version of this model, if any: `model_info.version` names it.</param>
    public async Task<PredictResponse> PredictAsync(string taskId, ResolvedModel model, string content, string? registeredVersion, string? apiKeyId,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var prompt = PromptRenderer.Render(model.PromptTemplate, content);
        // Interactive calls name no key only in local mode, whose batch jobs belong to `local`: one owner, one set of entries.
        var key = cache.KeyFor(model, prompt, model.SystemPrompt, apiKeyId ?? ApiKeyCaller.Local.KeyId);
        var cached = model.UseCache ? await cache.TryGetAsync(key, cancellationToken) : null;
        var answer = cached ?? await CallAsync(model, prompt, key, apiKeyId, cancellationToken);

        var extracted = JsonAnswerExtractor.Extract(answer.Text);
        return new PredictResponse(taskId, extracted.Json ?? JsonSerializer.SerializeToElement(new { text = answer.Text }),
            extracted.Confidence, Math.Round(time.GetElapsedTime(started).TotalSeconds, 3),
            new PredictModelInfo(model.Kind.ModelType, model.ModelName, registeredVersion ?? answer.ModelVersion ?? model.ModelName), Cached: cached is not null);
    }

    private async Task<CachedAnswer> CallAsync(ResolvedModel model, string prompt, string key, string? apiKeyId,
        CancellationToken cancellationToken)
    {
        var call = await calls.CompleteAsync(calls.Request(RouteTarget.For(model), PromptRenderer.Messages(model.SystemPrompt, prompt)),
            apiKeyId, cancellationToken);
        var answer = new CachedAnswer(call.Response.Text, call.Response.ModelId);
        if (model.UseCache)
        {
            await cache.StoreAsync(key, answer, model.CacheTtl, cancellationToken);
        }
        return answer;
    }
}
