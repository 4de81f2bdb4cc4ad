using Platform.Gateway.Forwarding;

namespace Platform.Gateway.OpenAi;

/// <summary>Forwards OpenAI's Files and Batch APIs to the Jobs service, which owns files, batches and the queue.</summary>
public sealed class OpenAiJobsForwarder(HttpClient http) : ServiceForwarder(http)
{
    protected override IResult Unavailable() =>
        TypedResults.Json(new OpenAiErrorResponse(new OpenAiError("The batch service is not reachable; try again shortly", "server_error", null,
            "service_unavailable")), statusCode: StatusCodes.Status503ServiceUnavailable);
}
