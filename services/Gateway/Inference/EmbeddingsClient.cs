using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Clients;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Inference;

/// <summary>
/// The providers' embeddings APIs: OpenAI's `embeddings` for the OpenAI-compatible kinds (and the local
/// TransformerWorker's, which averages its final hidden states), Ollama's `api/embed`, and HuggingFace's
/// feature-extraction pipeline. Failures are classified like chat calls, as <see cref="ProviderException"/>s.
/// </summary>
public sealed class EmbeddingsClient(ChatClientFactory endpoints, IOptions<InteractiveOptions> interactive)
{
    public async Task<Embeddings> EmbedAsync(ResolvedModel model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var input = new JsonArray([.. texts.Select(text => JsonValue.Create(text))]);
        var (path, body) = model.Kind.Protocol switch
        {
            WireProtocol.Ollama => ("api/embed", new JsonObject { ["model"] = model.ModelName, ["input"] = input }),
            WireProtocol.HuggingFace => ("models/" + model.ModelName, new JsonObject { ["inputs"] = input }),
            _ => ("embeddings", new JsonObject { ["model"] = model.ModelName, ["input"] = input }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoints.EndpointOf(model), path)) { Content = JsonContent.Create(body) };
        if (!string.IsNullOrEmpty(model.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", model.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interactive.Value.Timeout);
        try
        {
            using var response = await endpoints.HttpClientFor(model).SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw ProviderException.FromStatus(model.DisplayName, response.StatusCode, ProviderException.Redact(text, model.ApiKey),
                    response.Headers.RetryAfter?.Delta);
            }

            return Read(model, JsonDocument.Parse(text).RootElement, texts);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ProviderException.Timeout(model.DisplayName, interactive.Value.Timeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ProviderException.Unreachable(model.DisplayName, e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw ProviderException.Malformed(model.DisplayName, "the embeddings answer is not in the expected shape");
        }
    }

    private static Embeddings Read(ResolvedModel model, JsonElement root, IReadOnlyList<string> texts)
    {
        var estimated = texts.Sum(text => TokenCount.Estimate(text.Length));
        switch (model.Kind.Protocol)
        {
            case WireProtocol.Ollama:
                var ollamaTokens = root.TryGetProperty("prompt_eval_count", out var count) ? count.GetInt32() : (int?)null;
                return new Embeddings([.. root.GetProperty("embeddings").EnumerateArray().Select(Vector)], ollamaTokens ?? estimated, ollamaTokens is null);
            case WireProtocol.HuggingFace:
                // One vector per text, or one per token of each text (then averaged, as a sentence embedding).
                return new Embeddings([.. root.EnumerateArray().Select(item => item[0].ValueKind == JsonValueKind.Array ? Mean(item) : Vector(item))],
                    estimated, true);
            default:
                var tokens = root.TryGetProperty("usage", out var usage) && usage.TryGetProperty("prompt_tokens", out var prompt) ? prompt.GetInt32() : (int?)null;
                return new Embeddings([.. root.GetProperty("data").EnumerateArray().OrderBy(item => item.GetProperty("index").GetInt32())
                    .Select(item => Vector(item.GetProperty("embedding")))], tokens ?? estimated, tokens is null);
        }
    }

    private static float[] Vector(JsonElement values) => [.. values.EnumerateArray().Select(value => value.GetSingle())];

    private static float[] Mean(JsonElement rows)
    {
        var vectors = rows.EnumerateArray().Select(Vector).ToList();
        return [.. Enumerable.Range(0, vectors[0].Length).Select(column => vectors.Average(vector => vector[column]))];
    }
}
