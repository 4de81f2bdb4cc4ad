using Platform.Gateway.Inference;

namespace Platform.Gateway.Errors;

/// <summary>Seed 001: `{"success": false, "error": {type, message, code, details}, "timestamp"}` with the seed's codes.</summary>
public sealed class InferenceErrorShape : ErrorShape
{
    public override IResult Render(HttpContext context, PlatformError refusal) =>
        InferenceErrors.Result(context.RequestServices.GetRequiredService<TimeProvider>(), refusal.Status, refusal.Code ?? CodeOf(refusal.Kind), refusal.Message, refusal.Details);

    public static string CodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidRequest => InferenceErrors.InvalidInput,
        ErrorKind.RateLimited or ErrorKind.ModelUnavailable => InferenceErrors.ResourceExhausted,
        ErrorKind.UpstreamFailed or ErrorKind.ProviderKeyRejected => InferenceErrors.InferenceFailed,
        ErrorKind.Timeout => InferenceErrors.Timeout,
        _ => ErrorCatalogue.CodeOf(kind),
    };
}
