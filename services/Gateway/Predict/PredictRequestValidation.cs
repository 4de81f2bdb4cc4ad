using Platform.Providers.Models;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Predict;

/// <summary>Checks a predict request before the handler runs; whether the task exists is up to the Jobs service.</summary>
public sealed class PredictRequestValidation(ModelConfigValidator modelValidator) : IEndpointFilter
{
    public const int MaxContentLength = 100_000;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.GetArgument<PredictRequest?>(0);
        var errors = request is null ? ["The request body is required"] : Validate(request);
        return errors.Count == 0 ? await next(context) : AiApiError.BadRequest(errors);
    }

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
