namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// The rules of one request body, run by <see cref="RequestValidationFilter{TRequest}"/> before the handler
/// (<c>.Validates&lt;TRequest&gt;()</c>). Registered in DI, so rules may use services such as the model registry.
/// </summary>
public interface IRequestValidator<in TRequest>
{
    /// <summary>Every problem found, in words for the client; empty when the request is valid.</summary>
    ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(TRequest request, CancellationToken cancellationToken);

    /// <summary>The answer to a missing body (or JSON `null`); a rule may say instead what the body must be.</summary>
    ValidationProblem MissingBody => ValidationProblem.MissingBody;
}
