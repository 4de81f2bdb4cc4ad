using Platform.Gateway.Errors;
using Platform.Providers.Resilience;

namespace Platform.Gateway.OpenAi;

/// <summary>Errors as OpenAI's SDKs expect them, so that their exceptions and retry logic work unchanged.</summary>
public static class OpenAiErrors
{
    public static IResult InvalidRequest(string message, string? param) =>
        new PlatformError(ErrorKind.InvalidRequest, message) { Field = param };

    public static IResult Result(ProviderException failure) => ErrorOf(failure);

    /// <summary>The error as a stream event, for failures after the stream has started.</summary>
    public static OpenAiErrorResponse Event(ProviderException failure) => OpenAiErrorShape.BodyOf(ErrorOf(failure));

    private static PlatformError ErrorOf(ProviderException failure) =>
        new(ErrorCatalogue.KindOf(failure), failure.Message) { RetryAfter = failure.RetryAfter };
}
