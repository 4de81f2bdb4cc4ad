using Platform.Contracts.Http.Tasks;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Jobs.Callers;
using Platform.Jobs.Domain;
using Platform.ServiceDefaults;

namespace Platform.Jobs.Tasks;

/// <summary>Importing annotation tasks, the input of every batch job.</summary>
public static partial class TasksApi
{
    public const int MaxContentLength = 100_000;

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks");
        tasks.MapPost("/", ImportAsync);
        tasks.MapGet("/{task_id}", GetAsync);
        return app;
    }

    private static async Task<Results<Ok<TasksImported>, BadRequest<AiApiError>>> ImportAsync(
        List<TaskImport>? tasks, TaskStore store, Caller caller, IOptions<JobsOptions> options, CancellationToken cancellationToken)
    {
        if (Validate(tasks, options.Value.MaxTasksPerImport) is { } error)
        {
            return AiApiError.BadRequest(error);
        }

        return TypedResults.Ok(await store.ImportAsync(tasks!, caller, cancellationToken));
    }

    private static async Task<Results<Ok<TaskView>, NotFound<AiApiError>>> GetAsync(
        string task_id, TaskStore store, Caller caller, CancellationToken cancellationToken)
    {
        var task = await store.GetAsync(task_id, caller, cancellationToken);
        return task is null ? AiApiError.NotFound($"Task {task_id} not found") : TypedResults.Ok(task);
    }

    /// <summary>The first problem of an import (or of a batch's inline `tasks`), each named by its index.</summary>
    public static string? Validate(IReadOnlyList<TaskImport?>? tasks, int maxTasks)
    {
        if (tasks is null || tasks.Count == 0)
        {
            return "The body must be a non-empty JSON array of tasks ({id?, content, metadata?})";
        }

        if (tasks.Count > maxTasks)
        {
            return $"{tasks.Count} tasks in one import; at most {maxTasks} are accepted";
        }

        for (var index = 0; index < tasks.Count; index++)
        {
            var task = tasks[index];
            if (task is null)
            {
                return $"[{index}] must be a task object";
            }

            if (string.IsNullOrWhiteSpace(task.Content))
            {
                return $"[{index}].content is required";
            }

            if (task.Content.Length > MaxContentLength)
            {
                return $"[{index}].content has {task.Content.Length} characters; at most {MaxContentLength} are accepted";
            }

            if (StorableText.Problem(task.Content) is { } contentProblem)
            {
                return $"[{index}].content {contentProblem}";
            }

            if (StorableText.JsonProblem(task.Metadata?.GetRawText()) is { } metadataProblem)
            {
                return $"[{index}].metadata {metadataProblem}";
            }

            if (task.Id is not null && !TaskId().IsMatch(task.Id))
            {
                return $"[{index}].id '{task.Id}' must be 1-128 letters, digits, '_', '-', '.' or ':'";
            }
        }

        return tasks.Where(task => task!.Id is not null).GroupBy(task => task!.Id).FirstOrDefault(group => group.Count() > 1) is { } duplicate
            ? $"id '{duplicate.Key}' appears more than once in the import"
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex TaskId();
}
