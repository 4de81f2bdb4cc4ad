using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Transformer;

/// <summary>Forwards seed 002's transformer routes to a TransformerWorker.</summary>
public sealed class TransformerForwarder(HttpClient http) : ServiceForwarder(http)
{
    protected override IResult Unavailable() =>
        TypedResults.Json(new
        {
            detail = "The transformer worker is not reachable; try again shortly",
            error_code = "SERVICE_UNAVAILABLE",
            timestamp = DateTime.UtcNow,
        }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
