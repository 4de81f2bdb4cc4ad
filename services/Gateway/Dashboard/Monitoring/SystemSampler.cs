using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Gateway.Dashboard.Access;
using Platform.Gateway.Dashboard.Jobs;
using Platform.Gateway.Inference;
using Platform.Providers.Accounting;
using Platform.Providers.Caching;
using Platform.Providers.Registry;
using Platform.Providers.Routing;

namespace Platform.Gateway.Dashboard.Monitoring;

/// <summary>
/// Samples models, queues and replicas for the operators' pages and keeps their recent history for the
/// charts. One sampler serves every open page, and it samples only while a page watches, so a dashboard
/// nobody looks at costs nothing and many open pages cost no more than one.
/// </summary>
public sealed partial class SystemSampler(
    ModelRegistry registry,
    ModelRouter router,
    UsageStatistics usage,
    PredictionCache predictionCache,
    IServiceScopeFactory scopes,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<SystemSampler> logger) : BackgroundService
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _watched = new(0);
    private readonly Lock _gate = new();
    private readonly Queue<SystemSample> _history = new();
    private int _watchers;

    /// <summary>Raised after each sample, on the sampler's thread.</summary>
    public event Action? Sampled;

    public IReadOnlyList<SystemSample> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Keeps the sampler running until the returned handle is disposed; the first watcher wakes it at once.</summary>
    public IDisposable Watch()
    {
        if (Interlocked.Increment(ref _watchers) == 1)
        {
            _watched.Release();
        }

        return new Watcher(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _watchers) == 0)
            {
                await _watched.WaitAsync(stoppingToken);
            }

            try
            {
                Remember(await SampleAsync(stoppingToken));
                Sampled?.Invoke();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(logger, e.Message);
            }

            await Task.Delay(options.Value.SampleInterval, time, stoppingToken);
        }
    }

    private async Task<SystemSample> SampleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var models = new List<ModelSample>();
        foreach (var entry in registry.Entries)
        {
            var deployment = entry.Deployment;
            var status = router.StatusOf(entry.Id);
            var lastMinute = await usage.PerformanceAsync(now, RateWindow, deployment.ModelName, cancellationToken);
            models.Add(new ModelSample(entry.Id, deployment.ModelName, deployment.Target.Kind.ModelType, deployment.Enabled,
                status.Health.ToString().ToLowerInvariant(), status.CircuitOpen, status.InFlight, deployment.FallbackModels, lastMinute));
        }

        await using var scope = scopes.CreateAsyncScope();
        var (queues, queuesError) = await TryAsync(() => scope.ServiceProvider.GetRequiredService<DashboardJobsClient>()
            .QueuesAsync(DashboardCaller.System, cancellationToken), []);
        var (replicas, replicasError) = await TryAsync(() => scope.ServiceProvider.GetRequiredService<ModelCacheClient>()
            .ReplicasAsync(cancellationToken), (IReadOnlyList<ModelCacheReported>)[]);
        return new SystemSample(now, models, await predictionCache.GetStatsAsync(cancellationToken), queues, queuesError, replicas, replicasError);
    }

    /// <summary>Another service being down is something to show, not a reason to stop sampling the rest.</summary>
    private static async Task<(T Value, string? Error)> TryAsync<T>(Func<Task<T>> read, T empty)
    {
        try
        {
            return (await read(), null);
        }
        catch (Exception e) when (e is HttpRequestException or InferenceException or TaskCanceledException)
        {
            return (empty, e.Message);
        }
    }

    private void Remember(SystemSample sample)
    {
        lock (_gate)
        {
            _history.Enqueue(sample);
            while (_history.Count > options.Value.HistoryLength)
            {
                _history.Dequeue();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling models, queues and replicas for the dashboard failed: {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, string reason);

    private sealed class Watcher(SystemSampler sampler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref sampler._watchers);
            }
        }
    }
}
