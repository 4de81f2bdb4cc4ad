using System.Text.Json;
using Platform.Transformer;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.Completions;

/// <summary>The fields `/v1/chat/completions` and `/v1/completions` share.</summary>
public abstract record GenerationRequest : IValidatedRequest
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

    public string? FirstError() =>
        string.IsNullOrWhiteSpace(Model) ? "model is required"
        : PromptError() is { } promptError ? promptError
        : EffectiveMaxTokens is < 1 or > MaxTokensLimit ? $"max_tokens must be between 1 and {MaxTokensLimit}"
        : Temperature is < 0 or > 2 ? "temperature must be between 0 and 2"
        : TopP is <= 0 or > 1 ? "top_p must be greater than 0 and at most 1"
        : StopSequences() is null ? "stop must be a non-empty string or an array of non-empty strings"
        : LogprobsError() is { } logprobsError ? logprobsError
        : null;

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

    protected virtual int? EffectiveMaxTokens => MaxTokens;

    protected abstract string? PromptError();

    protected abstract string? LogprobsError();

    private List<string>? StopSequences() => Stop switch
    {
        null or { ValueKind: JsonValueKind.Null } => [],
        { ValueKind: JsonValueKind.String } single when single.GetString() is { Length: > 0 } text => [text],
        { ValueKind: JsonValueKind.Array } many when many.EnumerateArray().All(stop => stop.ValueKind == JsonValueKind.String && stop.GetString()!.Length > 0) =>
            many.EnumerateArray().Select(stop => stop.GetString()!).ToList(),
        _ => null,
    };
}
