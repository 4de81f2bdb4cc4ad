using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Platform.Contracts;
using Platform.Providers.Accounting;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Workers;

namespace Platform.ProviderWorker.Items;

/// <summary>
/// Runs an item whose content is a whole chat-completions request (a line of an OpenAI batch file): its messages and
/// sampling go to the routed model as they are, with the router's retries and fallbacks, and the answer is stored as
/// the `chat.completion` object OpenAI's batch output carries. Accounted like every other call.
/// </summary>
public sealed class ChatRequestItems(ModelRouter router, TimeProvider time, UsageRecorder usage)
{
    public async Task<JobItemCompleted> RunAsync(JobItemRun run, RouteTarget target, CancellationToken cancellationToken)
    {
        var item = run.Item;
        var body = JsonNode.Parse(item.Content)!.AsObject();
        var messages = Messages(body);
        var policy = new CallPolicy(item.RetryAttempts, TimeSpan.FromSeconds(item.TimeoutSeconds));
        var started = time.GetTimestamp();
        try
        {
            var routed = await router.CompleteAsync(new RouteRequest(target, messages, Options(body), policy, CallMode.Batch), cancellationToken);
            var response = routed.Response;
            var tokens = TokenCount.Of(response.Usage, messages, response.Text);
            usage.Record(UsageRecord.Succeeded(routed.AnsweredBy, CallMode.Batch, tokens, routed.Elapsed, time.GetUtcNow(), apiKeyId: null));
            var completion = new JsonObject
            {
                ["id"] = $"chatcmpl-{item.ItemId:N}",
                ["object"] = "chat.completion",
                ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
                ["model"] = body["model"]?.DeepClone(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = response.Text },
                    ["finish_reason"] = response.FinishReason?.Value ?? "stop",
                }),
                ["usage"] = new JsonObject
                {
                    ["prompt_tokens"] = tokens.Prompt,
                    ["completion_tokens"] = tokens.Completion,
                    ["total_tokens"] = tokens.Total,
                },
            };
            return run.Succeeded(routed.Attempts) with
            {
                PredictionJson = completion.ToJsonString(),
                RawText = response.Text,
                PromptTokens = tokens.Prompt,
                CompletionTokens = tokens.Completion,
                AnsweredBy = routed.AnsweredBy.Target.DisplayName,
            };
        }
        catch (ProviderException e)
        {
            usage.Record(UsageRecord.Failed(target.ToString(), target.AdHoc, CallMode.Batch, e.ErrorCode, TokenCount.None,
                time.GetElapsedTime(started), time.GetUtcNow(), apiKeyId: null));
            return run.Failed(e.Attempts, e.ErrorCode, e.Message);
        }
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
