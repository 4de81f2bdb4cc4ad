using Platform.Gateway.Chat;

namespace Platform.Gateway.OpenAi;

/// <summary>OpenAI's `invalid_request_error` for a request the platform cannot serve, naming the parameter.</summary>
public sealed class ChatCompletionValidation : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.GetArgument<ChatCompletionRequest?>(0);
        if (request is null)
        {
            return OpenAiErrors.InvalidRequest("The request body is required", null);
        }

        if (request.N is not (null or 1))
        {
            return OpenAiErrors.InvalidRequest("n must be 1: one choice per request is supported", "n");
        }

        var problem = ChatInput.Validate(request.Model, request.Messages is null ? null : request.Turns(), request.Temperature,
            request.OutputTokenLimit, request.TopP);
        return problem is null ? await next(context) : OpenAiErrors.InvalidRequest(problem.Message, problem.Param);
    }
}
