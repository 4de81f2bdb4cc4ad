namespace Platform.TransformerWorker.Completions;

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
