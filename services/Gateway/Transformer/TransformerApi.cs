namespace Platform.Gateway.Transformer;

/// <summary>Seed 002's transformer API, served by the TransformerWorker behind the Gateway at the same paths.</summary>
public static class TransformerApi
{
    public static IEndpointRouteBuilder MapTransformerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Transformer");
        api.MapGet("/initialize", Forward).WithSummary("Load a model from a config JSON (?config=...); absent fields take their defaults");
        api.MapPost("/forward", Forward).WithSummary("Forward pass over a text: logits shape, optionally captured internals");
        api.MapGet("/status", Forward).WithSummary("The current model, its size and inference statistics");
        api.MapGet("/health/health", Forward).WithSummary("Model, memory and disk checks of the transformer worker");
        api.MapGet("/health/ping", Forward).WithSummary("Answers PONG");
        return app;
    }

    private static Task<IResult> Forward(HttpContext context, TransformerForwarder transformer) => transformer.ForwardAsync(context);
}
