namespace Platform.TransformerWorker.Completions;

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
