using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Http.Tasks;
using Platform.Jobs.Domain;
using Platform.ServiceDefaults.Validation;

namespace Platform.Jobs.Tasks;

/// <summary>Checks a task import (`POST /api/v1/tasks`, a JSON array) before the handler runs; a batch's inline `tasks` are checked the same way.</summary>
public sealed partial class TaskImportValidator(IOptions<JobsOptions> options) : IRequestValidator<List<TaskImport>>
{
    private const int MaxContentLength = 100_000;

    private const string EmptyImport = "The body must be a non-empty JSON array of tasks ({id?, content, metadata?})";

    /// <summary>A missing body (or JSON `null`) is told what an empty array is told.</summary>
    public ValidationProblem MissingBody { get; } = new(EmptyImport);

    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(List<TaskImport> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ValidationProblem.Of(FirstProblem(request, options.Value.MaxTasksPerImport)));

    /// <summary>The first problem of an import (or of a batch's inline `tasks`), each named by its index.</summary>
    public static string? FirstProblem(IReadOnlyList<TaskImport?> tasks, int maxTasks)
    {
        if (tasks.Count == 0)
        {
            return EmptyImport;
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
