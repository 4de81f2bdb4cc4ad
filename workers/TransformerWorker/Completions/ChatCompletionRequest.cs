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

    internal override int? EffectiveMaxTokens => MaxCompletionTokens ?? MaxTokens;

    public override int? TopLogprobsWanted() => Logprobs == true ? TopLogprobs ?? 0 : null;

    /// <summary>A base model has no chat template: each message becomes a "role: content" line, and the assistant's turn follows.</summary>
    public override string RenderPrompt() => ChatPrompt.Render(Messages!.Select(message => (message.Role!, message.Content ?? "")));
}
