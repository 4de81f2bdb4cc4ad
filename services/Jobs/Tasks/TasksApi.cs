using Platform.Contracts.Http.Routes;
using Platform.Contracts.Http.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Jobs.Callers;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Routing;
using Platform.ServiceDefaults.Validation;

namespace Platform.Jobs.Tasks;

/// <summary>Importing annotation tasks, the input of every batch job.</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(JobsOperations.ImportTasks, ImportAsync).Validates<List<TaskImport>>();
        app.MapOperation(JobsOperations.GetTask, GetAsync);
        return app;
    }

    // Nullable so that a missing body reaches the validator, which says what the body must be.
    private static async Task<Ok<TasksImported>> ImportAsync(
        List<TaskImport>? tasks, TaskStore store, Caller caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ImportAsync(tasks!, caller, cancellationToken));

    private static async Task<Results<Ok<TaskView>, NotFound<AiApiError>>> GetAsync(
        string task_id, TaskStore store, Caller caller, CancellationToken cancellationToken)
    {
        var task = await store.GetAsync(task_id, caller, cancellationToken);
        return task is null ? AiApiError.NotFound($"Task {task_id} not found") : TypedResults.Ok(task);
    }
}
