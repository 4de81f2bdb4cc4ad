namespace Platform.Gateway.Errors;

/// <summary>Seed 003: `{"error": {code, message, details, request_id}}` with the seed's codes.</summary>
public sealed class LlmErrorShape : ErrorShape
{
    public override IResult Render(HttpContext context, PlatformError refusal) =>
        LlmErrors.Result(context, refusal.Status, refusal.Code ?? ErrorCatalogue.CodeOf(refusal.Kind), refusal.Message, refusal.Details);
}
