namespace Platform.TransformerWorker.Completions;

public sealed class CompletionRequestValidator : GenerationRequestValidator<CompletionRequest>
{
    protected override string? PromptError(CompletionRequest request) =>
        string.IsNullOrEmpty(request.Prompt) ? "prompt must be a non-empty string" : null;

    protected override string? LogprobsError(CompletionRequest request) =>
        request.Logprobs is < 0 or > CompletionRequest.MaxLogprobs ? $"logprobs must be between 0 and {CompletionRequest.MaxLogprobs}" : null;
}
