using Platform.Providers.Embeddings;

namespace Platform.Gateway.OpenAi;

/// <summary>OpenAI's `invalid_request_error` for an embeddings request the platform cannot serve, naming the parameter.</summary>
public sealed class EmbeddingsValidation : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.GetArgument<EmbeddingsRequestBody?>(0) switch
        {
            null => OpenAiErrors.InvalidRequest("The request body is required", null),
            { } request when request.Problem() is { } problem => OpenAiErrors.InvalidRequest(problem.Message, problem.Param),
            _ => await next(context),
        };
}
