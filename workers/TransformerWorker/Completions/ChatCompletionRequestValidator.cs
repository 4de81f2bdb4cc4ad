namespace Platform.TransformerWorker.Completions;

public sealed class ChatCompletionRequestValidator : GenerationRequestValidator<ChatCompletionRequest>
{
    protected override string? PromptError(ChatCompletionRequest request) =>
        request.Messages is not { Count: > 0 } messages ? "messages must be a non-empty array"
        : messages.Any(message => message.Role is not ("system" or "user" or "assistant")) ? "each message needs a role of system, user or assistant"
        : null;

    protected override string? LogprobsError(ChatCompletionRequest request) =>
        request.TopLogprobs is < 0 or > ChatCompletionRequest.MaxTopLogprobs ? $"top_logprobs must be between 0 and {ChatCompletionRequest.MaxTopLogprobs}"
        : request.TopLogprobs is not null && request.Logprobs != true ? "top_logprobs requires logprobs: true"
        : null;
}
