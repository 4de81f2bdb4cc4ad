using Platform.Gateway.Chat;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.OpenAi;

/// <summary>OpenAI's `invalid_request_error` for a request the platform cannot serve, naming the parameter.</summary>
public sealed class ChatCompletionRequestValidator : IRequestValidator<ChatCompletionRequest>
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        if (request.N is not (null or 1))
        {
            return new(ValidationProblem.Of("n must be 1: one choice per request is supported", "n"));
        }

        var problem = ChatInput.Validate(request.Model, request.Messages is null ? null : request.Turns(), request.Temperature,
            request.OutputTokenLimit, request.TopP);
        return new(ValidationProblem.Of(problem?.Message, problem?.Param));
    }
}
