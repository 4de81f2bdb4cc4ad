
namespace Platform.Gateway.Batches;

/// <summary>Seed 000's task import and batch endpoints, served by the Jobs service behind the Gateway.</summary>
public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks");
        tasks.MapPost("/", Forward).WithSummary("Import annotation tasks (JSON array of {id?, content, metadata?}); idempotent by id");
        tasks.MapGet("/{task_id}", Forward).WithSummary("Read one imported task");

        var ai = app.MapGroup("/api/v1/ai").WithTags("Batch prediction");
        ai.MapPost("/predict/batch", Forward).WithSummary("Submit a batch pre-annotation job");
        ai.MapGet("/batch", Forward).WithSummary("List batch jobs, newest first (?offset=&limit=)");
        ai.MapGet("/batch/{job_id}", Forward).WithSummary("Poll a batch job: status, progress and results (?offset=&limit=)");
        ai.MapDelete("/batch/{job_id}", Forward).WithSummary("Cancel a batch job; running items' results are kept");

        var queues = app.MapGroup("/api/v1/admin/queues").WithTags("Queues");
        queues.MapGet("/", Forward).WithSummary("Worker queues: messages waiting, consumers, messages in the error queue (admin)");
        queues.MapPost("/{queue}/replay", Forward).WithSummary("Move messages from a queue's _error queue back to it (?limit=; admin)");
        return app;
    }

    private static Task<IResult> Forward(HttpContext context, JobsForwarder jobs) => jobs.ForwardAsync(context);
}
