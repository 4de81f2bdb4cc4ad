using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Batches;

/// <summary>
/// The OpenAPI listing of seed 000's task import and batch endpoints, served by the Jobs service behind the Gateway;
/// a Jobs route missing here is still forwarded (<see cref="ForwardedRoutes"/>).
/// </summary>
public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        var forward = ForwardedRoutes.To(ForwardedService.Jobs);
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks");
        tasks.MapPost("/", forward).WithSummary("Import annotation tasks (JSON array of {id?, content, metadata?}); idempotent by id");
        tasks.MapGet("/{task_id}", forward).WithSummary("Read one imported task");

        var ai = app.MapGroup("/api/v1/ai").WithTags("Batch prediction");
        ai.MapPost("/predict/batch", forward).WithSummary("Submit a batch pre-annotation job");
        ai.MapGet("/batch", forward).WithSummary("List batch jobs, newest first (?offset=&limit=)");
        ai.MapGet("/batch/{job_id}", forward).WithSummary("Poll a batch job: status, progress and results (?offset=&limit=)");
        ai.MapDelete("/batch/{job_id}", forward).WithSummary("Cancel a batch job; running items' results are kept");

        var queues = app.MapGroup("/api/v1/admin/queues").WithTags("Queues");
        queues.MapGet("/", forward).WithSummary("Worker queues: messages waiting, consumers, messages in the error queue (admin)");
        queues.MapPost("/{queue}/replay", forward).WithSummary("Move messages from a queue's _error queue back to it (?limit=; admin)");
        return app;
    }
}
