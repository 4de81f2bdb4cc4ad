using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Clients;

/// <summary>
/// <see cref="IChatClient"/> over Anthropic's Messages API (`POST v1/messages`, version 2023-06-01):
/// system messages go to the top-level `system` field, `max_tokens` is always sent (the API requires
/// it), and streams are read from its server-sent events. Failures surface as classified
/// <see cref="ProviderException"/>s.
/// </summary>
public sealed class AnthropicChatClient(ResolvedModel model, HttpClient httpClient, TimeProvider time) : IChatClient
{
    public const string ApiVersion = "2023-06-01";

    /// <summary>Sent when neither the call nor the model config says how long an answer may be.</summary>
    public const int DefaultMaxTokens = 1024;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var request = BuildRequest(messages, options, stream: false);
        using var response = await ProviderHttp.SendAsync(httpClient, request, model.DisplayName, ReadError, time, cancellationToken)
            .ConfigureAwait(false);
        using var document = await ProviderHttp.ReadJsonAsync(response, model.DisplayName, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.StringProperty("type") == "error")
        {
            throw FromErrorEvent(root);
        }

        var text = new StringBuilder();
        var hasText = false;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (block.StringProperty("type") == "text" && block.StringProperty("text") is { } part)
                {
                    text.Append(part);
                    hasText = true;
                }
            }
        }

        if (!hasText)
        {
            throw ProviderException.Malformed(model.DisplayName, "the message has no text content");
        }

        var usage = root.ObjectProperty("usage");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ResponseId = root.StringProperty("id"),
            ModelId = root.StringProperty("model") ?? model.ModelName,
            FinishReason = ToFinishReason(root.StringProperty("stop_reason")),
            Usage = ToUsage(usage?.IntegerProperty("input_tokens"), usage?.IntegerProperty("output_tokens")),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = BuildRequest(messages, options, stream: true);
        // Disposing the response (when the caller stops or cancels) aborts the upstream request.
        using var response = await ProviderHttp.SendAsync(httpClient, request, model.DisplayName, ReadError, time, cancellationToken)
            .ConfigureAwait(false);
        string? messageId = null;
        var modelId = model.ModelName;
        long? inputTokens = null;
        await foreach (var sse in ProviderHttp.ReadEventsAsync(response, model.DisplayName, cancellationToken).ConfigureAwait(false))
        {
            using var document = ProviderHttp.ParseJson(sse.Data, model.DisplayName);
            var data = document.RootElement;
            switch (sse.Name ?? data.StringProperty("type"))
            {
                case "message_start":
                    var message = data.ObjectProperty("message");
                    messageId = message?.StringProperty("id");
                    modelId = message?.StringProperty("model") ?? modelId;
                    inputTokens = message?.ObjectProperty("usage")?.IntegerProperty("input_tokens");
                    break;
                case "content_block_delta":
                    if (data.ObjectProperty("delta")?.StringProperty("text") is { Length: > 0 } text)
                    {
                        yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ResponseId = messageId, ModelId = modelId };
                    }

                    break;
                case "message_delta":
                    var update = new ChatResponseUpdate(ChatRole.Assistant, (string?)null)
                    {
                        ResponseId = messageId,
                        ModelId = modelId,
                        FinishReason = ToFinishReason(data.ObjectProperty("delta")?.StringProperty("stop_reason")),
                    };
                    var outputTokens = data.ObjectProperty("usage")?.IntegerProperty("output_tokens");
                    update.Contents.Add(new UsageContent(ToUsage(inputTokens, outputTokens)));
                    yield return update;
                    break;
                case "message_stop":
                    yield break;
                case "error":
                    throw FromErrorEvent(data);
                default:
                    break; // ping, content_block_start, content_block_stop and future event types
            }
        }

        throw ProviderException.Malformed(model.DisplayName, "the stream ended before message_stop");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The HttpClient belongs to the factory that made it.
    }

    private HttpRequestMessage BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var system = new List<string>();
        var turns = new JsonArray();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Add(message.Text);
            }
            else
            {
                turns.Add(new JsonObject
                {
                    ["role"] = message.Role == ChatRole.Assistant ? "assistant" : "user",
                    ["content"] = message.Text,
                });
            }
        }

        var body = new JsonObject
        {
            ["model"] = model.ModelName,
            ["max_tokens"] = options?.MaxOutputTokens ?? model.MaxTokens ?? DefaultMaxTokens,
        };
        if (system.Count > 0)
        {
            body["system"] = string.Join("\n\n", system);
        }

        body["messages"] = turns;
        if ((options?.Temperature ?? model.Temperature) is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (options?.TopP is { } topP)
        {
            body["top_p"] = topP;
        }

        if (stream)
        {
            body["stream"] = true;
        }

        var request = ProviderHttp.PostJson(new Uri(model.BaseUrl, "v1/messages"), body);
        if (!string.IsNullOrEmpty(model.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("x-api-key", model.ApiKey);
        }

        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        return request;
    }

    private static UpstreamError ReadError(JsonElement body) => new(body.ErrorText());

    /// <summary>An error delivered with HTTP 200 (inside a stream): classified by its type as the API would by status.</summary>
    private ProviderException FromErrorEvent(JsonElement data)
    {
        var error = data.ObjectProperty("error");
        var status = error?.StringProperty("type") switch
        {
            "authentication_error" => HttpStatusCode.Unauthorized,
            "permission_error" => HttpStatusCode.Forbidden,
            "not_found_error" => HttpStatusCode.NotFound,
            "request_too_large" => HttpStatusCode.RequestEntityTooLarge,
            "rate_limit_error" => HttpStatusCode.TooManyRequests,
            "invalid_request_error" => HttpStatusCode.BadRequest,
            "overloaded_error" => (HttpStatusCode)529,
            _ => HttpStatusCode.InternalServerError,
        };
        return ProviderException.FromStatus(model.DisplayName, status, error?.StringProperty("message"), null);
    }

    private static ChatFinishReason? ToFinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "max_tokens" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Stop, // end_turn, stop_sequence, pause_turn
    };

    private static UsageDetails ToUsage(long? input, long? output) => new()
    {
        InputTokenCount = input,
        OutputTokenCount = output,
        TotalTokenCount = input + output,
    };
}
