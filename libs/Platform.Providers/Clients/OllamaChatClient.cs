using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Clients;

/// <summary>
/// <see cref="IChatClient"/> over Ollama's native chat API (`POST api/chat`): `options.temperature`
/// and `options.num_predict`, one JSON answer or a stream of NDJSON lines ending with `done: true`
/// and the token counts. Failures surface as classified <see cref="ProviderException"/>s.
/// </summary>
public sealed class OllamaChatClient(ResolvedModel model, HttpClient httpClient, TimeProvider time) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var request = BuildRequest(messages, options, stream: false);
        using var response = await ProviderHttp.SendAsync(httpClient, request, model.DisplayName, ReadError, time, cancellationToken)
            .ConfigureAwait(false);
        using var document = await ProviderHttp.ReadJsonAsync(response, model.DisplayName, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        ThrowIfError(root);
        var text = root.ObjectProperty("message")?.StringProperty("content")
            ?? throw ProviderException.Malformed(model.DisplayName, "the answer has no message content");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = root.StringProperty("model") ?? model.ModelName,
            CreatedAt = ReadCreatedAt(root),
            FinishReason = ToFinishReason(root.StringProperty("done_reason")),
            Usage = ToUsage(root),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = BuildRequest(messages, options, stream: true);
        // Disposing the response (when the caller stops or cancels) aborts the upstream request.
        using var response = await ProviderHttp.SendAsync(httpClient, request, model.DisplayName, ReadError, time, cancellationToken)
            .ConfigureAwait(false);
        await foreach (var line in ProviderHttp.ReadLinesAsync(response, model.DisplayName, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = ProviderHttp.ParseJson(line, model.DisplayName);
            var chunk = document.RootElement;
            ThrowIfError(chunk);
            var update = new ChatResponseUpdate(ChatRole.Assistant, chunk.ObjectProperty("message")?.StringProperty("content"))
            {
                ModelId = chunk.StringProperty("model") ?? model.ModelName,
                CreatedAt = ReadCreatedAt(chunk),
            };
            var done = chunk.ValueKind == JsonValueKind.Object && chunk.TryGetProperty("done", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (done)
            {
                update.FinishReason = ToFinishReason(chunk.StringProperty("done_reason")) ?? ChatFinishReason.Stop;
                update.Contents.Add(new UsageContent(ToUsage(chunk)));
            }

            yield return update;
            if (done)
            {
                yield break;
            }
        }

        throw ProviderException.Malformed(model.DisplayName, "the stream ended before its done line");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The HttpClient belongs to the factory that made it.
    }

    private HttpRequestMessage BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var turns = new JsonArray();
        foreach (var message in messages)
        {
            turns.Add(new JsonObject
            {
                ["role"] = message.Role == ChatRole.System ? "system" : message.Role == ChatRole.Assistant ? "assistant" : "user",
                ["content"] = message.Text,
            });
        }

        var settings = new JsonObject();
        if ((options?.Temperature ?? model.Temperature) is { } temperature)
        {
            settings["temperature"] = temperature;
        }

        if (options?.TopP is { } topP)
        {
            settings["top_p"] = topP;
        }

        if ((options?.MaxOutputTokens ?? model.MaxTokens) is { } maxTokens)
        {
            settings["num_predict"] = maxTokens;
        }

        var body = new JsonObject
        {
            ["model"] = model.ModelName,
            ["messages"] = turns,
            ["stream"] = stream,
            ["options"] = settings,
        };
        var request = ProviderHttp.PostJson(new Uri(model.BaseUrl, "api/chat"), body);
        if (!string.IsNullOrEmpty(model.ApiKey))
        {
            // Ollama itself has no keys; a proxy in front of it may.
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {model.ApiKey}");
        }

        return request;
    }

    private static UpstreamError ReadError(JsonElement body) => new(body.ErrorText());

    /// <summary>Ollama reports failures that happen after the headers as an `error` line with status 200.</summary>
    private void ThrowIfError(JsonElement body)
    {
        if (body.ErrorText() is { } error)
        {
            throw ProviderException.FromStatus(model.DisplayName, HttpStatusCode.InternalServerError, error, null);
        }
    }

    private static DateTimeOffset? ReadCreatedAt(JsonElement body) =>
        body.StringProperty("created_at") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var created)
            ? created
            : null;

    private static ChatFinishReason? ToFinishReason(string? doneReason) => doneReason switch
    {
        null => null,
        "length" => ChatFinishReason.Length,
        _ => ChatFinishReason.Stop, // stop, load, unload
    };

    private static UsageDetails ToUsage(JsonElement body)
    {
        var input = body.IntegerProperty("prompt_eval_count");
        var output = body.IntegerProperty("eval_count");
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }
}
