using Platform.Gateway.Chat;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's INVALID_REQUEST for a body that cannot be sent to a model, naming the field.</summary>
public sealed class GenerateRequestValidator : IRequestValidator<GenerateRequest>
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(GenerateRequest request, CancellationToken cancellationToken)
    {
        var problem = ChatInput.Validate(request.Model, request.Messages, request.Parameters?.Temperature, request.Parameters?.MaxTokens,
            request.Parameters?.TopP, "parameters.");
        return new(ValidationProblem.Of(problem?.Message, problem?.Param));
    }
}
