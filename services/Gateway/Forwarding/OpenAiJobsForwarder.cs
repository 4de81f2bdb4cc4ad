using Platform.Gateway.OpenAi;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Forwarding;

/// <summary>Forwards OpenAI's Files and Batch APIs to the Jobs service, which owns files, batches and the queue.</summary>
public sealed class OpenAiJobsForwarder(HttpClient http, IHttpForwarder forwarder) : ServiceForwarder(http, forwarder)
{
    protected override IResult Unavailable() =>
        TypedResults.Json(new OpenAiErrorResponse(new OpenAiError("The batch service is not reachable; try again shortly", "server_error", null,
            "service_unavailable")), statusCode: StatusCodes.Status503ServiceUnavailable);
}
