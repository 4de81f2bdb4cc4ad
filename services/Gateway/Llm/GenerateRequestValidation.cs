using Platform.Gateway.Errors;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's INVALID_REQUEST for a body that cannot be sent to a model, naming the field.</summary>
public sealed class GenerateRequestValidation : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.GetArgument<GenerateRequest?>(0);
        var problem = request is null
            ? new ChatInputProblem("body", "The request body is required")
            : ChatInput.Validate(request.Model, request.Messages, request.Parameters?.Temperature, request.Parameters?.MaxTokens,
                request.Parameters?.TopP, "parameters.");
        return problem is null
            ? await next(context)
            : new PlatformError(ErrorKind.InvalidRequest, problem.Message, new { field = problem.Param });
    }
}
