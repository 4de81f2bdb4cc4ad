using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Transformer;

/// <summary>
/// The OpenAPI listing of seed 002's transformer API, served by the TransformerWorker behind the Gateway at the same
/// paths; a worker route missing here is still forwarded (<see cref="ForwardedRoutes"/>).
/// </summary>
public static class TransformerApi
{
    public static IEndpointRouteBuilder MapTransformerApi(this IEndpointRouteBuilder app)
    {
        var forward = ForwardedRoutes.To(ForwardedService.Transformer);
        var api = app.MapGroup("/api/v1").WithTags("Transformer");
        api.MapGet("/initialize", forward).WithSummary("Load a model from a config JSON (?config=...); absent fields take their defaults");
        api.MapPost("/forward", forward).WithSummary("Forward pass over a text: logits shape, optionally captured internals");
        api.MapGet("/status", forward).WithSummary("The current model, its size and inference statistics");
        api.MapGet("/health/health", forward).WithSummary("Model, memory and disk checks of the transformer worker");
        api.MapGet("/health/ping", forward).WithSummary("Answers PONG");
        return app;
    }
}
