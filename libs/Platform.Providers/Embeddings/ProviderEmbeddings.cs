using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Providers.Accounting;
using Platform.Providers.Clients;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Embeddings;

/// <summary>
/// The providers' embeddings APIs: OpenAI's `embeddings` for the OpenAI-compatible kinds (vLLM, OpenRouter, Zhipu, the local
/// TransformerWorker), Gemini's native `:batchEmbedContents`, Ollama's `api/embed` and HuggingFace's feature extraction.
/// Upstreams are always asked for floats; base64 is the caller's encoding. Failures are <see cref="ProviderException"/>s.
/// </summary>
public sealed class ProviderEmbeddings(ChatClientFactory endpoints, TimeProvider time)
{
    public static bool Supports(ProviderKind kind) => kind.Protocol != WireProtocol.Anthropic;

    public static ProviderException Unsupported(string model) =>
        new(ProviderErrorCode.InvalidRequest, $"model {model} does not support embeddings", isTransient: false);

    public async Task<EmbeddingVectors> EmbedAsync(ResolvedModel model, IReadOnlyList<EmbeddingInput> inputs, int? dimensions,
        CancellationToken cancellationToken)
    {
        if (!Supports(model.Kind))
        {
            throw Unsupported(model.DisplayName);
        }

        using var request = ProviderHttp.PostJson(UrlOf(model), Body(model, inputs, dimensions));
        if (!string.IsNullOrEmpty(model.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(model.Kind.ModelType == ProviderKinds.Gemini ? "x-goog-api-key" : "Authorization",
                model.Kind.ModelType == ProviderKinds.Gemini ? model.ApiKey : $"Bearer {model.ApiKey}");
        }

        using var response = await ProviderHttp.SendAsync(endpoints.HttpClientFor(model), request, model.DisplayName,
            body => new UpstreamError(body.ErrorText()), time, cancellationToken).ConfigureAwait(false);
        using var document = await ProviderHttp.ReadJsonAsync(response, model.DisplayName, cancellationToken).ConfigureAwait(false);
        try
        {
            var read = Read(model, document.RootElement);
            return read.Vectors.Count == inputs.Count
                ? read.PromptTokens is { } tokens ? new(read.Vectors, tokens, false) : new(read.Vectors, TokenCount.Estimate(inputs.Sum(input => input.Characters)), true)
                : throw ProviderException.Malformed(model.DisplayName, $"{read.Vectors.Count} embeddings came back for {inputs.Count} inputs");
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            throw ProviderException.Malformed(model.DisplayName, "the embeddings answer is not in the expected shape");
        }
    }

    private Uri UrlOf(ResolvedModel model) => model.Kind switch
    {
        { ModelType: ProviderKinds.Gemini } => new Uri(model.BaseUrl,
            // The kind's base URL is Gemini's OpenAI-compatible one (`v1beta/openai/`); its native API sits beside it.
            (model.BaseUrl.AbsolutePath.EndsWith("/openai/", StringComparison.Ordinal) ? "../" : "") + $"models/{model.ModelName}:batchEmbedContents"),
        { Protocol: WireProtocol.Ollama } => new Uri(model.BaseUrl, "api/embed"),
        { Protocol: WireProtocol.HuggingFace } => new Uri(model.BaseUrl, "models/" + model.ModelName),
        _ => new Uri(endpoints.EndpointOf(model), "embeddings"),
    };

    private static JsonObject Body(ResolvedModel model, IReadOnlyList<EmbeddingInput> inputs, int? dimensions)
    {
        if (model.Kind.Protocol != WireProtocol.OpenAiCompatible || model.Kind.ModelType == ProviderKinds.Gemini)
        {
            if (inputs.Any(input => input.Text is null))
            {
                throw new ProviderException(ProviderErrorCode.InvalidRequest,
                    $"model {model.DisplayName} takes text inputs only; token arrays need an OpenAI-compatible model", isTransient: false);
            }
        }

        var texts = new JsonArray([.. inputs.Select(input => input.ToJson())]);
        var body = model.Kind switch
        {
            { ModelType: ProviderKinds.Gemini } => new JsonObject
            {
                ["requests"] = new JsonArray([.. inputs.Select(input => (JsonNode)new JsonObject
                {
                    ["model"] = $"models/{model.ModelName}",
                    ["content"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = input.Text }) },
                })]),
            },
            { Protocol: WireProtocol.HuggingFace } => new JsonObject { ["inputs"] = texts },
            { Protocol: WireProtocol.Ollama } => new JsonObject { ["model"] = model.ModelName, ["input"] = texts },
            _ => new JsonObject { ["model"] = model.ModelName, ["input"] = texts, ["encoding_format"] = "float" },
        };
        // Sent only when asked for: not every server knows the parameter.
        if (dimensions is { } size)
        {
            IEnumerable<JsonNode?> targets = body["requests"] is JsonArray requests ? requests : [body];
            foreach (var target in targets)
            {
                target![model.Kind.ModelType == ProviderKinds.Gemini ? "outputDimensionality" : "dimensions"] = size;
            }
        }

        return body;
    }

    private static (IReadOnlyList<float[]> Vectors, int? PromptTokens) Read(ResolvedModel model, JsonElement root) => model.Kind switch
    {
        { ModelType: ProviderKinds.Gemini } => ([.. root.GetProperty("embeddings").EnumerateArray().Select(item => Vector(item.GetProperty("values")))], null),
        { Protocol: WireProtocol.Ollama } => ([.. root.GetProperty("embeddings").EnumerateArray().Select(Vector)],
            (int?)root.IntegerProperty("prompt_eval_count")),
        // One vector per text, or one per token of each text (then averaged, as a sentence embedding).
        { Protocol: WireProtocol.HuggingFace } => ([.. root.EnumerateArray().Select(item => item[0].ValueKind == JsonValueKind.Array ? Mean(item) : Vector(item))], null),
        _ => ([.. root.GetProperty("data").EnumerateArray().OrderBy(item => item.GetProperty("index").GetInt32())
            .Select(item => Vector(item.GetProperty("embedding")))], (int?)root.ObjectProperty("usage")?.IntegerProperty("prompt_tokens")),
    };

    private static float[] Vector(JsonElement values) => [.. values.EnumerateArray().Select(value => value.GetSingle())];

    private static float[] Mean(JsonElement rows)
    {
        var vectors = rows.EnumerateArray().Select(Vector).ToList();
        return [.. Enumerable.Range(0, vectors[0].Length).Select(column => vectors.Average(vector => vector[column]))];
    }
}
