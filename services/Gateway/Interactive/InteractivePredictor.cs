using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.Providers.Caching;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Routing;

namespace Platform.Gateway.Interactive;

/// <summary>
/// Seed 000's single prediction: the rendered prompt is looked up in the shared cache first, and a
/// fresh answer is stored there. The cache only ever saves money: when PostgreSQL cannot serve it the
/// model is called as if it were a miss.
/// </summary>
public sealed partial class InteractivePredictor(
    InteractiveCalls calls,
    PredictionCache cache,
    TimeProvider time,
    ILogger<InteractivePredictor> logger)
{
    public async Task<PredictResponse> PredictAsync(string taskId, ResolvedModel model, string content, string? apiKeyId,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var prompt = PromptRenderer.Render(model.PromptTemplate, content);
        var key = PredictionCacheKey.Build(model, prompt);
        var cached = await LookUpAsync(key, cancellationToken);
        var answer = cached ?? await CallAsync(model, prompt, key, apiKeyId, cancellationToken);

        var extracted = JsonAnswerExtractor.Extract(answer.Text);
        return new PredictResponse(taskId, extracted.Json ?? JsonSerializer.SerializeToElement(new { text = answer.Text }),
            extracted.Confidence, Math.Round(time.GetElapsedTime(started).TotalSeconds, 3),
            new ModelInfo(model.Kind.ModelType, model.ModelName, answer.ModelVersion ?? model.ModelName), Cached: cached is not null);
    }

    private async Task<CachedAnswer> CallAsync(ResolvedModel model, string prompt, string key, string? apiKeyId,
        CancellationToken cancellationToken)
    {
        var call = await calls.CompleteAsync(calls.Request(RouteTarget.For(model), [new ChatMessage(ChatRole.User, prompt)]),
            apiKeyId, cancellationToken);
        var answer = new CachedAnswer(call.Response.Text, call.Response.ModelId);
        try
        {
            await cache.SetAsync(key, JsonSerializer.Serialize(answer), cancellationToken);
        }
        catch (DbException e)
        {
            LogCacheUnavailable(logger, "store", e.Message);
        }

        return answer;
    }

    private async Task<CachedAnswer?> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.TryGetAsync(key, cancellationToken) is { } value ? JsonSerializer.Deserialize<CachedAnswer>(value) : null;
        }
        catch (DbException e)
        {
            LogCacheUnavailable(logger, "read", e.Message);
            return null;
        }
    }

    /// <summary>What is kept of an answer: its text, and the model version the provider reported.</summary>
    private sealed record CachedAnswer(string Text, string? ModelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prediction cache could not {Operation}: {Reason}; calling the model directly")]
    private static partial void LogCacheUnavailable(ILogger logger, string operation, string reason);
}
