using Platform.Gateway.Errors;

namespace Platform.Gateway.Inference;

/// <summary>A request that cannot be answered: the catalogue's kind (which decides the status) and seed 001's code.</summary>
public sealed class InferenceException(ErrorKind kind, string code, string message, object? details = null, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;
    public object? Details { get; } = details;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public int Status => ErrorCatalogue.StatusOf(Kind);

    /// <summary>An input problem, naming the field so that the caller can fix it.</summary>
    public static InferenceException Invalid(string field, string message) =>
        new(ErrorKind.InvalidRequest, InferenceErrors.InvalidInput, message, new { field });

    public PlatformError ToError() => new(Kind, Message, Details) { Code = Code, RetryAfter = RetryAfter };
}
