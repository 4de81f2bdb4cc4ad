using Platform.Contracts.Http.Tasks;
using Platform.Contracts.Http.Batches;
using Microsoft.Extensions.Options;
using Platform.Jobs.Domain;
using Platform.Jobs.Tasks;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.ServiceDefaults.Validation;

namespace Platform.Jobs.Batches;

/// <summary>Checks the shape of a batch request before the handler runs; task existence is checked against the database later.</summary>
public sealed class BatchPredictRequestValidator(ModelConfigValidator modelValidator, ModelRegistry registry, IOptions<JobsOptions> options)
    : IRequestValidator<BatchPredictRequest>
{
    public const int MaxModelConfigs = 10;
    public const int MaxConcurrentTasksLimit = 1000;
    public const int MaxRetryAttempts = 10;
    public const int MaxTimeoutSeconds = 600;
    public const int MaxRetryDelaySeconds = 60;

    public async ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(BatchPredictRequest request, CancellationToken cancellationToken) =>
        ValidationProblem.Of(await ErrorsAsync(request, cancellationToken));

    private async Task<List<string>> ErrorsAsync(BatchPredictRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var maxTasks = options.Value.MaxTasksPerJob;
        if (request.Tasks is { } inline)
        {
            ValidateInline(errors, inline, request.TaskIds is not null, maxTasks);
        }
        else
        {
            ValidateTaskIds(errors, request.TaskIds ?? [], maxTasks);
        }

        var configs = request.AiModelConfigs ?? [];
        if (configs.Count == 0)
        {
            errors.Add("ai_model_configs must contain at least one model config");
        }
        else if (configs.Count > MaxModelConfigs)
        {
            errors.Add($"ai_model_configs has {configs.Count} configs; a job takes at most {MaxModelConfigs}");
        }

        for (var index = 0; index < configs.Count && configs.Count <= MaxModelConfigs; index++)
        {
            var path = $"ai_model_configs[{index}]";
            if (configs[index] is { } texts && new[] { ("model_type", texts.ModelType), ("model_name", texts.ModelName), ("base_url", texts.BaseUrl),
                    ("api_key", texts.ApiKey), ("prompt_template", texts.PromptTemplate), ("system_prompt", texts.SystemPrompt) }
                .FirstOrDefault(field => StorableText.Problem(field.Item2) is not null) is { Item1: not null } bad)
            {
                errors.Add($"{path}.{bad.Item1} {StorableText.Problem(bad.Item2)}");
                continue;
            }

            errors.AddRange(configs[index] is { } config && ModelRegistry.NamesRegisteredModel(config)
                ? await registry.ValidateNamedAsync(config, path, cancellationToken)
                : modelValidator.Validate(configs[index], path));
        }

        ValidateRange(errors, "batch_config.max_concurrent_tasks", request.BatchConfig?.MaxConcurrentTasks, 1, MaxConcurrentTasksLimit);
        ValidateRange(errors, "batch_config.retry_attempts", request.BatchConfig?.RetryAttempts, 0, MaxRetryAttempts);
        ValidateRange(errors, "batch_config.timeout_seconds", request.BatchConfig?.TimeoutSeconds, 1, MaxTimeoutSeconds);
        ValidateRange(errors, "batch_config.retry_delay_seconds", request.BatchConfig?.RetryDelaySeconds, 0, MaxRetryDelaySeconds);
        return errors;
    }

    /// <summary>Tasks carried inline are checked as an import is, and each needs its id: the results name it.</summary>
    private static void ValidateInline(List<string> errors, IReadOnlyList<TaskImport?> tasks, bool alsoTaskIds, int maxTasks)
    {
        if (alsoTaskIds)
        {
            errors.Add("send either task_ids (imported tasks) or tasks (inline tasks), not both");
        }
        else if (tasks.Count > maxTasks)
        {
            errors.Add($"tasks has {tasks.Count} tasks; a job takes at most {maxTasks}");
        }
        else if (TaskImportValidator.FirstProblem(tasks, maxTasks) is { } problem)
        {
            errors.Add(tasks.Count == 0 ? "tasks must contain at least one task" : problem.StartsWith('[') ? $"tasks{problem}" : $"tasks: {problem}");
        }
        else if (tasks.Select((task, index) => (task, index)).FirstOrDefault(entry => entry.task!.Id is null) is { task: not null } missing)
        {
            errors.Add($"tasks[{missing.index}].id is required: the results name each task by it");
        }
    }

    private static void ValidateTaskIds(List<string> errors, IReadOnlyList<string?> taskIds, int maxTasks)
    {
        if (taskIds.Count == 0)
        {
            errors.Add("task_ids must contain at least one task id");
        }
        else if (taskIds.Count > maxTasks)
        {
            errors.Add($"task_ids has {taskIds.Count} tasks; a job takes at most {maxTasks}");
        }
        else if (taskIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("task_ids must not contain empty ids");
        }
        else if (taskIds.GroupBy(id => id).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            errors.Add($"task_ids contains '{duplicate.Key}' more than once");
        }

        if (taskIds.FirstOrDefault(id => StorableText.Problem(id) is not null) is { } badId)
        {
            errors.Add($"task_ids: an id {StorableText.Problem(badId)}");
        }
    }

    private static void ValidateRange(List<string> errors, string field, double? value, int min, int max)
    {
        if (value is { } given && (given < min || given > max))
        {
            errors.Add($"{field} must be between {min} and {max}, got {given}");
        }
    }
}
