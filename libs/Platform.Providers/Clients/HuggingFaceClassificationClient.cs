using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Clients;

/// <summary>
/// <see cref="IChatClient"/> over the HuggingFace Inference API for text-classification models
/// (`POST models/{model_name}` with `{"inputs": prompt}`). The classification is turned into a JSON
/// answer text — `{"label", "labels" (by score, highest first), "scores", "confidence"}` — so the
/// platform's JSON extraction reads it like any model's answer. A model that is still loading
/// (503 with `estimated_time`) is a transient failure whose retry delay is that estimate.
/// </summary>
public sealed class HuggingFaceClassificationClient(ResolvedModel model, HttpClient httpClient, TimeProvider time) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var request = BuildRequest(messages);
        using var response = await ProviderHttp.SendAsync(httpClient, request, model.DisplayName, ReadError, time, cancellationToken)
            .ConfigureAwait(false);
        using var document = await ProviderHttp.ReadJsonAsync(response, model.DisplayName, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, ToAnswer(document.RootElement)))
        {
            ModelId = model.ModelName,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    /// <summary>Classification does not stream: the one answer comes as one update.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, response.Text)
        {
            ModelId = response.ModelId,
            FinishReason = response.FinishReason,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The HttpClient belongs to the factory that made it.
    }

    private HttpRequestMessage BuildRequest(IEnumerable<ChatMessage> messages)
    {
        // The rendered prompt is the user's text; system instructions mean nothing to a classifier.
        var inputs = string.Join("\n\n", messages.Where(message => message.Role != ChatRole.System).Select(message => message.Text));
        var path = "models/" + string.Join('/', model.ModelName.Split('/').Select(Uri.EscapeDataString));
        var request = ProviderHttp.PostJson(new Uri(model.BaseUrl, path), new JsonObject { ["inputs"] = inputs });
        if (!string.IsNullOrEmpty(model.ApiKey))
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {model.ApiKey}");
        }

        return request;
    }

    private static UpstreamError ReadError(JsonElement body)
    {
        var estimate = body.NumberProperty("estimated_time");
        return new(body.ErrorText(), estimate is { } seconds && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null);
    }

    private string ToAnswer(JsonElement root)
    {
        if (root.ErrorText() is { } error)
        {
            throw ProviderException.FromStatus(model.DisplayName, System.Net.HttpStatusCode.InternalServerError, error, null);
        }

        // One input gives [{label, score}, …]; some pipelines wrap it once more: [[{label, score}, …]].
        var list = root;
        if (list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 && list[0].ValueKind == JsonValueKind.Array)
        {
            list = list[0];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw ProviderException.Malformed(model.DisplayName, "the classification is not a list of labels");
        }

        var scored = new List<(string Label, double Score)>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.StringProperty("label") is not { } label || item.NumberProperty("score") is not { } score)
            {
                throw ProviderException.Malformed(model.DisplayName, "a classification entry lacks its label or score");
            }

            scored.Add((label, score));
        }

        if (scored.Count == 0)
        {
            throw ProviderException.Malformed(model.DisplayName, "the classification has no labels");
        }

        var ranked = scored.OrderByDescending(entry => entry.Score).ToList();
        var scores = new JsonObject();
        foreach (var (label, score) in ranked)
        {
            scores.TryAdd(label, score);
        }

        var answer = new JsonObject
        {
            ["label"] = ranked[0].Label,
            ["labels"] = new JsonArray(ranked.Select(entry => (JsonNode?)JsonValue.Create(entry.Label)).ToArray()),
            ["scores"] = scores,
            ["confidence"] = ranked[0].Score,
        };
        return answer.ToJsonString(Readable);
    }

    /// <summary>Labels are often not ASCII (e.g. 正面); keep them readable in the raw answer text.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
