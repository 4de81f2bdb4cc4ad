using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Routes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Jobs.Callers;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Routing;
using Platform.ServiceDefaults.Validation;

namespace Platform.Jobs.Batches;

/// <summary>Seed 000's batch endpoints: submit, poll, list and cancel.</summary>
public static class BatchApi
{
    /// <summary>A job's results come a page at a time: each page reads up to twice this many rows (results and failures) with their raw text.</summary>
    public const int DefaultPageSize = 1000;
    public const int MaxPageSize = 1000;
    public const int DefaultListSize = 50;
    public const int MaxListSize = 200;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;

    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(JobsOperations.SubmitBatch, SubmitAsync).Validates<BatchPredictRequest>();
        app.MapOperation(JobsOperations.ListBatches, ListAsync);
        app.MapOperation(JobsOperations.GetBatch, GetAsync);
        app.MapOperation(JobsOperations.CancelBatch, CancelAsync);
        return app;
    }

    private static async Task<Results<Ok<BatchSubmitted>, BadRequest<AiApiError>>> SubmitAsync(
        BatchPredictRequest request, BatchSubmission submission, Caller caller, CancellationToken cancellationToken,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey = null)
    {
        if (idempotencyKey is not null && !IsIdempotencyKey(idempotencyKey))
        {
            return AiApiError.BadRequest($"The {IdempotencyKeyHeader} header must be 1-{MaxIdempotencyKeyLength} visible ASCII characters");
        }

        // The validation filter has ruled out nulls and blanks; inline tasks are imported with the job.
        var taskIds = request.JobTaskIds();
        var unknown = request.Tasks is null ? await submission.UnknownTaskIdsAsync(taskIds, caller, cancellationToken) : [];
        if (unknown.Count > 0)
        {
            return AiApiError.BadRequest($"{unknown.Count} task ids are not imported: {string.Join(", ", unknown.Take(5))}",
                new { unknown_task_ids = unknown.Take(BatchSubmission.MaxUnknownIdsShown), unknown_count = unknown.Count });
        }

        var job = await submission.SubmitAsync(request, taskIds, caller, idempotencyKey, cancellationToken);
        var tasks = taskIds.Count;
        var models = request.AiModelConfigs!.Count;
        var message = models == 1
            ? $"Batch job submitted with {tasks} tasks"
            : $"Batch job submitted with {tasks} tasks across {models} model configs ({job.TotalItems} predictions)";
        return TypedResults.Ok(new BatchSubmitted(job.Id, "submitted", message));
    }

    private static async Task<Results<Ok<BatchJobView>, NotFound<AiApiError>, BadRequest<AiApiError>>> GetAsync(
        string job_id, BatchQueries queries, Caller caller, CancellationToken cancellationToken, int offset = 0, int limit = DefaultPageSize,
        int failed_offset = 0, int failed_limit = DefaultPageSize)
    {
        if ((PagingError(offset, limit, MaxPageSize) ?? PagingError(failed_offset, failed_limit, MaxPageSize, "failed_")) is { } error)
        {
            return error;
        }

        var view = await queries.GetAsync(job_id, caller, new PageView(offset, limit, 0, failed_offset, failed_limit, 0), cancellationToken);
        return view is null ? JobNotFound(job_id) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<BatchJobList>, BadRequest<AiApiError>>> ListAsync(
        BatchQueries queries, Caller caller, CancellationToken cancellationToken, int offset = 0, int limit = DefaultListSize)
    {
        return PagingError(offset, limit, MaxListSize) is { } error
            ? error
            : TypedResults.Ok(await queries.ListAsync(caller, offset, limit, cancellationToken));
    }

    private static async Task<Results<Ok<BatchCancelled>, NotFound<AiApiError>, Conflict<AiApiError>>> CancelAsync(
        string job_id, BatchSubmission submission, Caller caller, CancellationToken cancellationToken)
    {
        var outcome = await submission.CancelAsync(job_id, caller, cancellationToken);
        if (outcome.Job is null)
        {
            return JobNotFound(job_id);
        }

        var status = BatchQueries.StatusName(outcome.Job.Status);
        return outcome switch
        {
            { WasAlreadyEnded: true, Job.Status: Domain.JobStatus.Cancelled } =>
                TypedResults.Ok(new BatchCancelled(job_id, status, "Batch job was already cancelled")),
            { WasAlreadyEnded: true } =>
                AiApiError.Conflict($"Batch job {job_id} is already {status} and cannot be cancelled", new { status }),
            _ => TypedResults.Ok(new BatchCancelled(job_id, status,
                $"Batch job cancelled: {outcome.NotStarted} tasks will not start; results of {outcome.InFlight} running tasks will be kept")),
        };
    }

    private static bool IsIdempotencyKey(string key) =>
        key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is > ' ' and <= '~');

    private static NotFound<AiApiError> JobNotFound(string jobId) => AiApiError.NotFound($"Batch job {jobId} not found");

    private static BadRequest<AiApiError>? PagingError(int offset, int limit, int maxLimit, string prefix = "") =>
        offset < 0 ? AiApiError.BadRequest($"{prefix}offset must be 0 or more, got {offset}")
        : limit < 1 || limit > maxLimit ? AiApiError.BadRequest($"{prefix}limit must be between 1 and {maxLimit}, got {limit}")
        : null;
}
