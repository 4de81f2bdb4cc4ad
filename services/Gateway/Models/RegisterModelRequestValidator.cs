using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Models;

/// <summary>Checks `POST /api/v1/ai/models/register` before the registry checks the model config itself.</summary>
public sealed class RegisterModelRequestValidator : IRequestValidator<RegisterModelRequest>
{
    public const int MaxVersionLength = 64;

    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(RegisterModelRequest request, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(Validate(request)));

    private static List<string> Validate(RegisterModelRequest request)
    {
        var errors = new List<string>();
        Required(errors, "model_type", request.ModelType);
        Required(errors, "model_name", request.ModelName);
        Required(errors, "version", request.Version);
        if (request.Version is { Length: > MaxVersionLength })
        {
            errors.Add($"version must be at most {MaxVersionLength} characters");
        }

        if (request.Config?.ModelType is { } configType && configType != request.ModelType)
        {
            errors.Add($"config.model_type '{configType}' differs from model_type '{request.ModelType}'");
        }

        return errors;
    }

    private static void Required(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required");
        }
    }
}
