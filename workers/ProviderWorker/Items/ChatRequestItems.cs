using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Platform.Contracts;
using Platform.Providers.Accounting;
using Platform.Providers.Caching;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Workers;

namespace Platform.ProviderWorker.Items;

/// <summary>
/// Runs an item whose content is a whole chat-completions request (a line of an OpenAI batch file): its messages and
/// sampling go to the routed model as they are, with the router's retries and fallbacks (or the prediction cache), and the answer
/// is stored as the `chat.completion` object OpenAI's batch output carries. Accounted like every other call.
/// </summary>
public sealed class ChatRequestItems(ModelRouter router, TimeProvider time, UsageRecorder usage, AnswerCache cache)
{
    public async Task<JobItemCompleted> RunAsync(JobItemRun run, RouteTarget target, CancellationToken cancellationToken)
    {
        var item = run.Item;
        var body = JsonNode.Parse(item.Content)!.AsObject();
        var messages = Messages(body);
        var options = Options(body);
        // Identical lines of one owner (model, messages, sampling) are answered once, as the owner's repeated job items are.
        var primary = router.PrimaryDeploymentOf(target);
        var cacheKey = primary is { Target.UseCache: true }
            ? cache.KeyFor(primary.Target, JsonSerializer.Serialize(new
            {
                messages = messages.Select(message => new[] { message.Role.Value, message.Text }),
                stop = options.StopSequences,
            }), systemPrompt: null, item.Owner, options)
            : null;
        if (cacheKey is not null && await cache.TryGetAsync(cacheKey, cancellationToken) is { } cached)
        {
            return Answered(run, body, cached.Text, "stop", TokenCount.Of(null, messages, cached.Text), attempts: 0, primary!.Target.DisplayName);
        }

        var policy = new CallPolicy(item.RetryAttempts, TimeSpan.FromSeconds(item.TimeoutSeconds));
        var started = time.GetTimestamp();
        try
        {
            var routed = await router.CompleteAsync(new RouteRequest(target, messages, options, policy, CallMode.Batch), cancellationToken);
            var response = routed.Response;
            var tokens = TokenCount.Of(response.Usage, messages, response.Text);
            usage.Record(UsageRecord.Succeeded(routed.AnsweredBy, CallMode.Batch, tokens, routed.Elapsed, time.GetUtcNow(), apiKeyId: null));
            if (cacheKey is not null)
            {
                await cache.StoreAsync(cacheKey, new CachedAnswer(response.Text, response.ModelId), primary!.Target.CacheTtl, cancellationToken);
            }

            return Answered(run, body, response.Text, response.FinishReason?.Value ?? "stop", tokens, routed.Attempts,
                routed.AnsweredBy.Target.DisplayName);
        }
        catch (ProviderException e)
        {
            usage.Record(UsageRecord.Failed(target.ToString(), target.AdHoc, CallMode.Batch, e.ErrorCode, TokenCount.None,
                time.GetElapsedTime(started), time.GetUtcNow(), apiKeyId: null));
            return run.Failed(e.Attempts, e.ErrorCode, e.Message);
        }
    }

    /// <summary>The answer as the `chat.completion` object OpenAI's batch output carries.</summary>
    private JobItemCompleted Answered(JobItemRun run, JsonObject body, string text, string finishReason, TokenCount tokens, int attempts,
        string answeredBy)
    {
        var completion = new JsonObject
        {
            ["id"] = $"chatcmpl-{run.Item.ItemId:N}",
            ["object"] = "chat.completion",
            ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["model"] = body["model"]?.DeepClone(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = tokens.Prompt,
                ["completion_tokens"] = tokens.Completion,
                ["total_tokens"] = tokens.Total,
            },
        };
        return run.Succeeded(attempts) with
        {
            PredictionJson = completion.ToJsonString(),
            RawText = text,
            PromptTokens = tokens.Prompt,
            CompletionTokens = tokens.Completion,
            AnsweredBy = answeredBy,
        };
    }

    /// <summary>Jobs checked the body's shape when it validated the batch file; `content` may be a string or text parts.</summary>
    private static List<ChatMessage> Messages(JsonObject body) =>
        body["messages"]!.AsArray().Select(message => new ChatMessage(new ChatRole(message!["role"]!.GetValue<string>()), Text(message["content"])))
            .ToList();

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(part => part?["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String
            ? text.GetValue<string>() : "")),
        _ => "",
    };

    private static ChatOptions Options(JsonObject body) => new()
    {
        Temperature = Number(body["temperature"]),
        TopP = Number(body["top_p"]),
        MaxOutputTokens = (int?)Number(body["max_completion_tokens"] ?? body["max_tokens"]),
        StopSequences = body["stop"] switch
        {
            JsonValue one when one.GetValueKind() == JsonValueKind.String => [one.GetValue<string>()],
            JsonArray many => many.Select(stop => stop!.GetValue<string>()).ToList(),
            _ => null,
        },
    };

    private static float? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<float>() : null;
}
