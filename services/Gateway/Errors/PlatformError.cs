namespace Platform.Gateway.Errors;

/// <summary>
/// A refusal as the catalogue knows it, answered in the shape of the API family the request called.
/// <see cref="Code"/> overrides the family's code for the kind where an API documents a finer one
/// (seed 001's `UNSUPPORTED_TASK`, seed 003's `KEY_NOT_FOUND`).
/// </summary>
public sealed record PlatformError(ErrorKind Kind, string Message, object? Details = null) : IResult
{
    public string? Code { get; init; }

    /// <summary>The request field at fault, for OpenAI's `param`.</summary>
    public string? Field { get; init; }

    /// <summary>How long the caller should wait; sent as `Retry-After`.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public int Status => ErrorCatalogue.StatusOf(Kind);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        RetryAfterHeader.Set(httpContext, RetryAfter);
        return ErrorShape.Of(ApiFamilies.Of(httpContext.Request.Path)).Render(httpContext, this).ExecuteAsync(httpContext);
    }
}
