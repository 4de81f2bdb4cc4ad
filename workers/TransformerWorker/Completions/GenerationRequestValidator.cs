using Platform.ServiceDefaults.Validation;

namespace Platform.TransformerWorker.Completions;

/// <summary>The rules `/v1/chat/completions` and `/v1/completions` share, stopping at the first problem; each adds its prompt and log-probability rules.</summary>
public abstract class GenerationRequestValidator<TRequest> : IRequestValidator<TRequest> where TRequest : GenerationRequest
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(TRequest request, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(FirstError(request)));

    protected abstract string? PromptError(TRequest request);

    protected abstract string? LogprobsError(TRequest request);

    private string? FirstError(TRequest request) =>
        string.IsNullOrWhiteSpace(request.Model) ? "model is required"
        : PromptError(request) is { } promptError ? promptError
        : request.EffectiveMaxTokens is < 1 or > GenerationRequest.MaxTokensLimit ? $"max_tokens must be between 1 and {GenerationRequest.MaxTokensLimit}"
        : request.Temperature is < 0 or > 2 ? "temperature must be between 0 and 2"
        : request.TopP is <= 0 or > 1 ? "top_p must be greater than 0 and at most 1"
        : request.StopSequences() is null ? "stop must be a non-empty string or an array of non-empty strings"
        : LogprobsError(request) is { } logprobsError ? logprobsError
        : null;
}
