using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Platform.Jobs.Data.Configurations;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Telemetry;

/// <summary>
/// The batch queue's own metrics (meter `Platform.Jobs`): jobs submitted and ended, items sent and ended, items
/// in flight per running job and the depth of every worker queue. The last two are snapshots that
/// <see cref="QueueMonitor"/> refreshes.
/// </summary>
public sealed class JobsMetrics
{
    public const string MeterName = "Platform.Jobs";

    private readonly Counter<long> _jobsSubmitted;
    private readonly Counter<long> _jobsEnded;
    private readonly Counter<long> _itemsSent;
    private readonly Counter<long> _itemsEnded;
    private readonly Histogram<double> _itemSeconds;
    private volatile IReadOnlyDictionary<string, int> _inFlight = new Dictionary<string, int>();
    private readonly ConcurrentDictionary<string, QueueDepth> _queues = new();

    public JobsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _jobsSubmitted = meter.CreateCounter<long>("platform.jobs.submitted", "{job}", "Batch jobs submitted");
        _jobsEnded = meter.CreateCounter<long>("platform.jobs.ended", "{job}", "Batch jobs that ended, by status (completed, failed, cancelled)");
        _itemsSent = meter.CreateCounter<long>("platform.jobs.items.sent", "{item}", "Item messages sent to a worker queue, by queue");
        _itemsEnded = meter.CreateCounter<long>("platform.jobs.items.ended", "{item}", "Items that ended, by status; its rate is items per second");
        _itemSeconds = meter.CreateHistogram<double>("platform.jobs.item.duration", "s", "Time a worker spent on an item, retries included");
        meter.CreateObservableGauge("platform.jobs.items.in_flight", ObserveInFlight, "{item}", "Items dispatched and not yet ended, per running job");
        meter.CreateObservableGauge("platform.queue.depth", () => ObserveQueues(queue => queue.Ready), "{message}",
            "Messages waiting in each worker queue");
        meter.CreateObservableGauge("platform.queue.consumers", () => ObserveQueues(queue => queue.Consumers), "{consumer}",
            "Consumers attached to each worker queue");
    }

    public void JobSubmitted() => _jobsSubmitted.Add(1);

    public void ItemsSent(string queue, int count) => _itemsSent.Add(count, new KeyValuePair<string, object?>("queue", queue));

    /// <param name="jobEnded">The item was the job's last one.</param>
    /// <param name="jobEndedAs">The status of the job this item ended, when it was its last.</param>
    public void ItemEnded(JobItemStatus status, double? processingTime, JobStatus? jobEndedAs)
    {
        _itemsEnded.Add(1, new KeyValuePair<string, object?>("status", StatusText.Of(status)));
        if (processingTime is { } seconds)
        {
            _itemSeconds.Record(seconds);
        }

        if (jobEndedAs is { } jobStatus)
        {
            JobEnded(jobStatus);
        }
    }

    public void JobEnded(JobStatus status) => _jobsEnded.Add(1, new KeyValuePair<string, object?>("status", StatusText.Of(status)));

    public void ReportInFlight(IReadOnlyDictionary<string, int> inFlightByJob) => _inFlight = inFlightByJob;

    public void ReportQueue(string queue, QueueDepth depth) => _queues[queue] = depth;

    public bool TryGetQueue(string queue, out QueueDepth depth) => _queues.TryGetValue(queue, out depth!);

    private IEnumerable<Measurement<int>> ObserveInFlight() =>
        _inFlight.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>("job_id", pair.Key)));

    private IEnumerable<Measurement<long>> ObserveQueues(Func<QueueDepth, long> value) =>
        _queues.Select(pair => new Measurement<long>(value(pair.Value), new KeyValuePair<string, object?>("queue", pair.Key)));
}
