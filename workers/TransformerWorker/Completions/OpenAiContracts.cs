using System.Text.Json;
using System.Text.Json.Serialization;
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

public sealed record StreamOptions(bool IncludeUsage);

public sealed record ChatMessageDto(string? Role, string? Content);

public sealed record ChatCompletionRequest : GenerationRequest
{
    public const int MaxTopLogprobs = 20;

    public IReadOnlyList<ChatMessageDto>? Messages { get; init; }

    /// <summary>OpenAI's newer name for max_tokens; either is accepted.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Whether to return each generated token's log-probability.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>Most likely tokens to list at each position (0–20); needs <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; init; }

    protected override int? EffectiveMaxTokens => MaxCompletionTokens ?? MaxTokens;

    public override int? TopLogprobsWanted() => Logprobs == true ? TopLogprobs ?? 0 : null;

    /// <summary>A base model has no chat template: each message becomes a "role: content" line, and the assistant's turn follows.</summary>
    public override string RenderPrompt() => ChatPrompt.Render(Messages!.Select(message => (message.Role!, message.Content ?? "")));

    protected override string? PromptError() =>
        Messages is not { Count: > 0 } ? "messages must be a non-empty array"
        : Messages.Any(message => message.Role is not ("system" or "user" or "assistant")) ? "each message needs a role of system, user or assistant"
        : null;

    protected override string? LogprobsError() =>
        TopLogprobs is < 0 or > MaxTopLogprobs ? $"top_logprobs must be between 0 and {MaxTopLogprobs}"
        : TopLogprobs is not null && Logprobs != true ? "top_logprobs requires logprobs: true"
        : null;
}

public sealed record CompletionRequest : GenerationRequest
{
    public const int MaxLogprobs = 5;

    public string? Prompt { get; init; }

    /// <summary>Return each generated token's log-probability with this many most likely tokens (0–5) at its position.</summary>
    public int? Logprobs { get; init; }

    public override string RenderPrompt() => Prompt!;

    public override int? TopLogprobsWanted() => Logprobs;

    protected override string? PromptError() => string.IsNullOrEmpty(Prompt) ? "prompt must be a non-empty string" : null;

    protected override string? LogprobsError() => Logprobs is < 0 or > MaxLogprobs ? $"logprobs must be between 0 and {MaxLogprobs}" : null;
}

/// <summary>How chat turns are laid out for a base model, the same for interactive calls and batch items.</summary>
public static class ChatPrompt
{
    public static string Render(IEnumerable<(string Role, string Content)> messages) =>
        string.Concat(messages.Select(message => $"{message.Role}: {message.Content}\n")) + "assistant:";
}

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static Usage Of(int promptTokens, int completionTokens) => new(promptTokens, completionTokens, promptTokens + completionTokens);
}

public sealed record ModelList([property: JsonPropertyName("object")] string Kind, IReadOnlyList<ModelCard> Data);

public sealed record ModelCard(string Id, [property: JsonPropertyName("object")] string Kind, long Created, string OwnedBy);

public sealed record EmbeddingList([property: JsonPropertyName("object")] string Kind, IReadOnlyList<EmbeddingData> Data, string Model, EmbeddingUsage Usage);

public sealed record EmbeddingData([property: JsonPropertyName("object")] string Kind, int Index, float[] Embedding);

public sealed record EmbeddingUsage(int PromptTokens, int TotalTokens);

public sealed record OpenAiError(OpenAiErrorBody Error);

public sealed record OpenAiErrorBody(string Message, string Type, string? Param, string? Code);
