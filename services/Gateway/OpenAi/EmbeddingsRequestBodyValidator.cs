using Platform.Providers.Embeddings;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.OpenAi;

/// <summary>OpenAI's `invalid_request_error` for an embeddings request the platform cannot serve, naming the parameter.</summary>
/// <remarks>The rules live on the body, since an embeddings batch checks its lines with them too.</remarks>
public sealed class EmbeddingsRequestBodyValidator : IRequestValidator<EmbeddingsRequestBody>
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(EmbeddingsRequestBody request, CancellationToken cancellationToken)
    {
        var problem = request.Problem();
        return new(ValidationProblem.Of(problem?.Message, problem?.Param));
    }
}
