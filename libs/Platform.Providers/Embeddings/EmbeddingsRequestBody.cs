using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Providers.Embeddings;

/// <summary>
/// OpenAI's embeddings request, as `/v1/embeddings` and the lines of an embeddings batch carry it: `input` is a string,
/// an array of strings, a token array or an array of token arrays.
/// </summary>
public sealed record EmbeddingsRequestBody(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("encoding_format")] string? EncodingFormat,
    [property: JsonPropertyName("dimensions")] int? Dimensions)
{
    /// <summary>OpenAI's own limit on inputs per request.</summary>
    public const int MaxInputs = 2048;

    public bool Base64 => EncodingFormat == "base64";

    public EmbeddingsRequestProblem? Problem() => this switch
    {
        { Model: null or "" } => new("model is required", "model"),
        { EncodingFormat: not (null or "float" or "base64") } => new($"encoding_format must be 'float' or 'base64', got '{EncodingFormat}'", "encoding_format"),
        { Dimensions: <= 0 } => new("dimensions must be a positive integer", "dimensions"),
        _ => InputProblem(),
    };

    /// <summary>The inputs of a request whose <see cref="Problem"/> is null.</summary>
    public IReadOnlyList<EmbeddingInput> Inputs() => Input.ValueKind == JsonValueKind.String
        ? [EmbeddingInput.OfText(Input.GetString()!)]
        : IsTokenArray(Input)
            ? [new EmbeddingInput(null, Tokens(Input))]
            : [.. Input.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                ? EmbeddingInput.OfText(item.GetString()!)
                : new EmbeddingInput(null, Tokens(item)))];

    private EmbeddingsRequestProblem? InputProblem()
    {
        const string Shape = "input must be a non-empty string, an array of non-empty strings, a token array or an array of token arrays";
        var valid = Input.ValueKind switch
        {
            JsonValueKind.String => Input.GetString()!.Length > 0,
            JsonValueKind.Array => Input.GetArrayLength() is > 0 and <= MaxInputs
                && (IsTokenArray(Input) || Input.EnumerateArray().All(item =>
                    item.ValueKind == JsonValueKind.String ? item.GetString()!.Length > 0 : IsTokenArray(item) && item.GetArrayLength() > 0)),
            _ => false,
        };
        return valid ? null : new(Input.ValueKind == JsonValueKind.Array && Input.GetArrayLength() > MaxInputs
            ? $"input holds at most {MaxInputs} items" : Shape, "input");
    }

    private static bool IsTokenArray(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array && array.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var token) && token >= 0);

    private static int[] Tokens(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetInt32())];
}
