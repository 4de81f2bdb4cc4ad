using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Polly;
using Polly.Retry;

namespace Platform.Workers;

/// <summary>
/// The part of running a job item every worker kind shares: skip items of cancelled jobs, run the item once, and
/// publish its outcome, retrying only the publish. An item redelivered to the replica that already ran it (the
/// broker went away before the ack) gets the outcome it already has, without calling the model again.
/// </summary>
public sealed partial class JobItemExecution(CancelledJobs cancelledJobs, IOptions<WorkerOptions> options, TimeProvider time,
    ILogger<JobItemExecution> logger) : IDisposable
{
    /// <summary>Longer than an item's lease, so that any redelivery of it finds its outcome.</summary>
    private static readonly TimeSpan OutcomeKept = TimeSpan.FromHours(1);

    /// <summary>
    /// Only the messages unacknowledged when a connection dropped come back, at most the replica's prefetch (its
    /// concurrency), so the most recent outcomes, many times that, are kept: an hour of every outcome at hundreds of
    /// items a second would hold gigabytes of answers.
    /// </summary>
    private readonly MemoryCache _outcomes = new(new MemoryCacheOptions { SizeLimit = Math.Max(1_000, 64L * options.Value.MaxConcurrentItems) });

    private readonly ResiliencePipeline _publishRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = 30,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            OnRetry = arguments =>
            {
                LogPublishRetry(logger, arguments.AttemptNumber + 1, arguments.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public async Task ExecuteAsync(ConsumeContext<RunJobItem> context, Func<JobItemRun, CancellationToken, Task<JobItemCompleted>> run)
    {
        var item = context.Message;
        if (!_outcomes.TryGetValue(item.ItemId, out JobItemCompleted? outcome) || outcome is null)
        {
            var itemRun = new JobItemRun(item, time.GetUtcNow(), time);
            outcome = cancelledJobs.Contains(item.JobId) ? itemRun.Skipped() : await run(itemRun, context.CancellationToken);
            _outcomes.Set(item.ItemId, outcome, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = OutcomeKept });
        }

        await _publishRetry.ExecuteAsync(async token => await context.Publish(outcome, token), context.CancellationToken);
    }

    public void Dispose() => _outcomes.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing an item's outcome failed ({Reason}); attempt {Attempt} follows")]
    private static partial void LogPublishRetry(ILogger logger, int attempt, string? reason);
}
