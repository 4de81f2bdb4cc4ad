using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Cache;

/// <summary>
/// This replica's name and the latest cache report of every other replica. A replica silent for three
/// report intervals is taken to be gone, so that a stopped replica does not linger in the stats.
/// </summary>
public sealed class ModelCacheReplicas(ModelCache cache, IOptions<TransformerOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ModelCacheReported> _others = new(StringComparer.Ordinal);

    public string Self { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public ModelCacheReported Report()
    {
        var stats = cache.GetStats();
        return new ModelCacheReported(Self, time.GetUtcNow(), stats.MaxCacheSize, stats.MaxMemoryGb, stats.MemoryUsedMb, stats.Hits, stats.Misses,
            stats.Evictions, [.. cache.GetCachedModels().Select(model =>
                new ReportedCachedModel(model.Key, model.LoadedAt, model.LoadSeconds, model.AccessCount, model.LastAccess, model.MemoryMb))]);
    }

    /// <summary>Keeps another replica's report unless a newer one is known already (reports may arrive out of order).</summary>
    public void Remember(ModelCacheReported report)
    {
        if (report.Replica != Self)
        {
            _others.AddOrUpdate(report.Replica, report, (_, known) => known.ReportedAt > report.ReportedAt ? known : report);
        }
    }

    /// <summary>This replica's state now, then every other live replica's last report.</summary>
    public IReadOnlyList<ModelCacheReported> All()
    {
        var oldest = time.GetUtcNow() - 3 * options.Value.CacheReportInterval;
        return [Report(), .. _others.Values.Where(report => report.ReportedAt >= oldest).OrderBy(report => report.Replica, StringComparer.Ordinal)];
    }
}
