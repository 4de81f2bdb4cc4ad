using Platform.Contracts.Http.Batches;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Callers;
using Platform.Jobs.Data;
using Platform.Jobs.Data.Configurations;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Batches;

/// <summary>Reads jobs and their results into the seed's shapes.</summary>
public sealed class BatchQueries(JobsDbContext db)
{
    /// <param name="page">The offsets and limits asked for; its totals are filled in.</param>
    public async Task<BatchJobView?> GetAsync(string jobId, Caller caller, PageView page, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().VisibleTo(caller).SingleOrDefaultAsync(job => job.Id == jobId, cancellationToken);
        if (job is null)
        {
            return null;
        }

        // The seed's clients read `results` as the successes and `failed_tasks_details` as the failures.
        var items = db.JobItems.AsNoTracking().Where(item => item.JobId == jobId);
        var results = await items.Where(item => item.Status == JobItemStatus.Succeeded)
            .OrderBy(item => item.Sequence).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        var failures = await items.Where(item => item.Status == JobItemStatus.Failed)
            .OrderBy(item => item.Sequence).Skip(page.FailedOffset).Take(page.FailedLimit).ToListAsync(cancellationToken);

        return new BatchJobView(job.Id, StatusName(job.Status), job.TotalItems, job.SucceededItems, job.FailedItems,
            job.CancelledItems, job.Progress, job.CreatedAt.UtcDateTime, job.StartedAt?.UtcDateTime, job.CompletedAt?.UtcDateTime,
            job.Error, results.Select(item => ToResult(job, item)).ToList(), failures.Select(item => ToFailure(job, item)).ToList(),
            page with { TotalResults = job.SucceededItems, TotalFailed = job.FailedItems }, job.Owner);
    }

    public async Task<BatchJobList> ListAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken)
    {
        var visible = db.Jobs.AsNoTracking().VisibleTo(caller);
        var total = await visible.CountAsync(cancellationToken);
        var jobs = await visible
            .OrderByDescending(job => job.CreatedAt).ThenBy(job => job.Id)
            .Skip(offset).Take(limit)
            .ToListAsync(cancellationToken);
        return new BatchJobList(jobs.Select(ToSummary).ToList(), total, offset, limit);
    }

    public static string StatusName(JobStatus status) => StatusText.Of(status);

    private static BatchJobSummary ToSummary(BatchJob job) => new(job.Id, StatusName(job.Status), job.TotalItems, job.SucceededItems,
        job.FailedItems, job.Progress, job.CreatedAt.UtcDateTime, job.StartedAt?.UtcDateTime, job.CompletedAt?.UtcDateTime, job.Owner);

    /// <summary>A success; one answered from the prediction cache made no attempt.</summary>
    private static ItemResultView ToResult(BatchJob job, JobItem item)
    {
        var model = job.ModelConfigs[item.ModelIndex];
        var prediction = item.Prediction is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(item.Prediction);
        return new ItemResultView(item.TaskId, "completed", prediction,
            item.RawText, item.Confidence, item.ProcessingTime, model.ModelType, model.ModelName,
            item.Attempts, item.Error, item.ErrorCode, Cached: item.Attempts == 0);
    }

    private static FailedTaskView ToFailure(BatchJob job, JobItem item)
    {
        var model = job.ModelConfigs[item.ModelIndex];
        return new FailedTaskView(item.TaskId, "failed", item.Error ?? "Unknown error", item.ErrorCode, model.ModelType, model.ModelName, item.Attempts,
            item.ProcessingTime);
    }
}
