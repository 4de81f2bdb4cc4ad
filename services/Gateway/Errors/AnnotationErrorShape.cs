using Platform.ServiceDefaults;

namespace Platform.Gateway.Errors;

/// <summary>Seed 000: `{error, message, details}`, `error` being the seed's title (`Invalid Request`, `Quota Exceeded`, …).</summary>
public sealed class AnnotationErrorShape : ErrorShape
{
    public override IResult Render(HttpContext context, PlatformError refusal) =>
        AiApiError.Json(refusal.Status, TitleOf(refusal.Kind), refusal.Message, refusal.Details ?? new { error_code = refusal.Code ?? ErrorCatalogue.CodeOf(refusal.Kind) });

    public static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidRequest => "Invalid Request",
        ErrorKind.Unauthorized => "Unauthorized",
        ErrorKind.Forbidden => "Forbidden",
        ErrorKind.NotFound or ErrorKind.ModelNotFound => "Not Found",
        ErrorKind.MethodNotAllowed => "Method Not Allowed",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.PayloadTooLarge => "Payload Too Large",
        ErrorKind.RateLimited => "Quota Exceeded",
        ErrorKind.ModelUnavailable or ErrorKind.UpstreamFailed or ErrorKind.ProviderKeyRejected => "Model Unavailable",
        ErrorKind.Timeout => "Request Timeout",
        ErrorKind.ServiceUnavailable => "Service Unavailable",
        _ => "Internal Server Error",
    };
}
