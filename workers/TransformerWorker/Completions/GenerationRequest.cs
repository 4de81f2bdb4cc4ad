using System.Text.Json;
using Platform.Transformer;

namespace Platform.TransformerWorker.Completions;

/// <summary>The fields `/v1/chat/completions` and `/v1/completions` share.</summary>
public abstract record GenerationRequest
{
    public const int MaxTokensLimit = 4096;

    public string? Model { get; init; }
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Stop { get; init; }

    public ulong? Seed { get; init; }
    public bool Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>The text the model continues.</summary>
    public abstract string RenderPrompt();

    public GenerationOptions ToOptions() => new()
    {
        MaxNewTokens = EffectiveMaxTokens ?? LocalGeneration.DefaultMaxTokens,
        Temperature = (float)(Temperature ?? 1),
        TopP = (float?)TopP,
        Seed = Seed,
        StopSequences = StopSequences() ?? [],
        TopLogprobs = TopLogprobsWanted(),
    };

    /// <summary>How many alternatives to report with each token's log-probability; null when no log-probabilities are wanted.</summary>
    public abstract int? TopLogprobsWanted();

    /// <summary>How many tokens to generate at most, as the request says it.</summary>
    internal virtual int? EffectiveMaxTokens => MaxTokens;

    /// <summary>The stop sequences; null when <see cref="Stop"/> is neither a non-empty string nor an array of them.</summary>
    public List<string>? StopSequences() => Stop switch
    {
        null or { ValueKind: JsonValueKind.Null } => [],
        { ValueKind: JsonValueKind.String } single when single.GetString() is { Length: > 0 } text => [text],
        { ValueKind: JsonValueKind.Array } many when many.EnumerateArray().All(stop => stop.ValueKind == JsonValueKind.String && stop.GetString()!.Length > 0) =>
            many.EnumerateArray().Select(stop => stop.GetString()!).ToList(),
        _ => null,
    };
}
