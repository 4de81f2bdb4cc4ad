namespace Platform.TransformerWorker.Completions;

public sealed record CompletionRequest : GenerationRequest
{
    public const int MaxLogprobs = 5;

    public string? Prompt { get; init; }

    /// <summary>Return each generated token's log-probability with this many most likely tokens (0–5) at its position.</summary>
    public int? Logprobs { get; init; }

    public override string RenderPrompt() => Prompt!;

    public override int? TopLogprobsWanted() => Logprobs;
}
