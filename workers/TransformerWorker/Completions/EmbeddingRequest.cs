using System.Text.Json;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.Completions;

/// <summary>OpenAI's `/v1/embeddings` body: a model and one text or an array of texts.</summary>
public sealed record EmbeddingRequest(string? Model, JsonElement? Input) : IValidatedRequest
{
    public const int MaxInputs = 256;

    public IReadOnlyList<string> Texts() => Input switch
    {
        { ValueKind: JsonValueKind.String } single => [single.GetString()!],
        { ValueKind: JsonValueKind.Array } many => [.. many.EnumerateArray().Select(text => text.GetString()!)],
        _ => [],
    };

    public string? FirstError() =>
        string.IsNullOrWhiteSpace(Model) ? "model is required"
        : Input is not ({ ValueKind: JsonValueKind.String } or { ValueKind: JsonValueKind.Array })
          || (Input.Value.ValueKind == JsonValueKind.Array && Input.Value.EnumerateArray().Any(text => text.ValueKind != JsonValueKind.String))
            ? "input must be a string or an array of strings"
        : Texts() is { Count: 0 or > MaxInputs } texts ? $"input must hold between 1 and {MaxInputs} texts, not {texts.Count}"
        : Texts().Any(string.IsNullOrEmpty) ? "input must not contain empty texts"
        : null;
}
