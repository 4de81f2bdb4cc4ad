using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Inference;

/// <summary>`POST /inference/batch` takes 1 to 100 requests; each request is checked when it runs, its failure reported in its own result.</summary>
public sealed class BatchInferenceRequestValidator : IRequestValidator<BatchInferenceRequest>
{
    public const int MaxBatchRequests = 100;

    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(BatchInferenceRequest batch, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(batch.Requests is { Count: >= 1 and <= MaxBatchRequests }
            ? null
            : $"requests must hold between 1 and {MaxBatchRequests} requests, not {batch.Requests?.Count ?? 0}", "requests"));
}
