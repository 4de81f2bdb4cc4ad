using Platform.Gateway.Errors;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Llm;

/// <summary>A failed model call in seed 003's terms: the catalogue's status and code, with the seed's details.</summary>
public static class LlmFailures
{
    public const string InvalidRequest = "INVALID_REQUEST";

    public static IResult Result(ProviderException failure, string model) => ErrorOf(failure, model);

    /// <summary>The same error as an event inside a stream that has already started.</summary>
    public static object Event(HttpContext context, ProviderException failure, string model)
    {
        var error = ErrorOf(failure, model);
        return new LlmErrorResponse(new LlmError(CodeOf(failure), error.Message, error.Details, LlmErrors.RequestIdOf(context)));
    }

    public static string CodeOf(ProviderException failure) => ErrorCatalogue.CodeOf(ErrorCatalogue.KindOf(failure));

    /// <summary>As in the seed's example: the model, the underlying reason in lower case, and when to retry.</summary>
    private static PlatformError ErrorOf(ProviderException failure, string model)
    {
        var details = new Dictionary<string, object?> { ["model"] = model, ["reason"] = failure.ErrorCode.ToLowerInvariant() };
        if (RetryAfterHeader.Seconds(failure.RetryAfter) is { } seconds)
        {
            details["retry_after"] = seconds;
        }

        return new PlatformError(ErrorCatalogue.KindOf(failure), failure.Message, details) { RetryAfter = failure.RetryAfter };
    }
}
