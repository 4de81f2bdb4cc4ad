namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// A body that a service binds itself and that keeps its read error (missing, not JSON, wrong JSON type) instead
/// of throwing, so that <see cref="RequestValidationFilter{TRequest}"/> rejects it like any other problem.
/// </summary>
public interface IRequestBody<out TRequest>
{
    TRequest? Value { get; }

    string? ReadError { get; }
}
