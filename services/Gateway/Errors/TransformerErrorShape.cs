namespace Platform.Gateway.Errors;

/// <summary>Seed 002's REST paths: `{detail, error_code, timestamp}`, its codes (`INVALID_INPUT`, …) where it lists one.</summary>
public sealed class TransformerErrorShape : ErrorShape
{
    public override IResult Render(HttpContext context, PlatformError refusal) =>
        TypedResults.Json(new TransformerError(refusal.Message, refusal.Code ?? CodeOf(refusal.Kind),
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()), statusCode: refusal.Status);

    private static string CodeOf(ErrorKind kind) => kind == ErrorKind.InvalidRequest ? "INVALID_INPUT" : ErrorCatalogue.CodeOf(kind);
}
