using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// What refill messages are built from, fixed when a job is submitted (its model configs, retry and timeout settings and
/// owner): kept here so that applying a batch of results does not read the job rows back for it. The copies' counters
/// and status go stale at once and are never read.
/// </summary>
public sealed class JobDefinitions : IDisposable
{
    private static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    private readonly MemoryCache _jobs = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<Dictionary<string, BatchJob>> GetAsync(JobsDbContext db, IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, BatchJob>();
        foreach (var jobId in jobIds)
        {
            if (_jobs.TryGetValue(jobId, out BatchJob? job) && job is not null)
            {
                found[jobId] = job;
            }
        }

        var missing = jobIds.Where(jobId => !found.ContainsKey(jobId)).ToList();
        if (missing.Count > 0)
        {
            foreach (var job in await db.Jobs.AsNoTracking().Where(job => missing.Contains(job.Id)).ToListAsync(cancellationToken))
            {
                found[job.Id] = _jobs.Set(job.Id, job, Kept);
            }
        }

        return found;
    }

    public void Dispose() => _jobs.Dispose();
}
