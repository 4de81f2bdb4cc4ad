using Platform.Providers.Models;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Predict;

/// <summary>Checks a predict request before the handler runs; whether the task exists is up to the Jobs service.</summary>
public sealed class PredictRequestValidator(ModelConfigValidator modelValidator) : IRequestValidator<PredictRequest>
{
    public const int MaxContentLength = 100_000;

    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(PredictRequest request, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(Validate(request)));

    private List<string> Validate(PredictRequest request)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(request.TaskId))
        {
            errors.Add("task_id is required");
        }

        errors.AddRange(modelValidator.Validate(request.AiModelConfig, "ai_model_config"));
        if (request.Content is { } content)
        {
            if (string.IsNullOrWhiteSpace(content))
            {
                errors.Add("content must not be empty; leave it out to use the stored task's content");
            }
            else if (content.Length > MaxContentLength)
            {
                errors.Add($"content has {content.Length} characters; at most {MaxContentLength} are accepted");
            }
        }

        return errors;
    }
}
