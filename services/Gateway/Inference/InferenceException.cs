namespace Platform.Gateway.Inference;

/// <summary>A request that cannot be answered, with seed 001's code and the HTTP status it is answered with.</summary>
public sealed class InferenceException(int status, string code, string message, object? details = null, int? retryAfterSeconds = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public object? Details { get; } = details;
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>An input problem, naming the field so that the caller can fix it.</summary>
    public static InferenceException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, InferenceErrors.InvalidInput, message, new { field });
}
