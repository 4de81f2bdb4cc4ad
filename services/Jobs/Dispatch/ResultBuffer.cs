using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Gathers worker results from every consumer call and applies them in batches: one loop takes whatever has
/// arrived (up to <see cref="JobsOptions.ResultBatchSize"/>) and applies it in one transaction, and while it does,
/// the next batch gathers by itself. No timer runs: an idle service does nothing, and a lone result is applied at
/// once. A consumer call completes only when its result is committed, so the message is acknowledged after that.
/// The items that refill the windows are sent beside the next batch's transaction rather than before it: waiting for
/// the broker's confirms would otherwise add its latency to every turn of every window. An item whose send never
/// happens (a crash) keeps its lease, and the sweeper sends it.
/// </summary>
public sealed class ResultBuffer(IServiceScopeFactory scopes, IOptions<JobsOptions> options) : BackgroundService
{
    /// <summary>Sends under way at once; beyond it the next batch waits, so a slow broker slows the loop instead of piling up sends.</summary>
    private const int ConcurrentSends = 4;

    private readonly SemaphoreSlim _sendSlots = new(ConcurrentSends);
    private readonly Channel<PendingResult> _pending = Channel.CreateUnbounded<PendingResult>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when <paramref name="result"/> is stored (or throws what storing it threw).</summary>
    public Task AddAsync(JobItemCompleted result, CancellationToken cancellationToken)
    {
        var pending = new PendingResult(result, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The result buffer no longer takes results");
        }

        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingResult>(options.Value.ResultBatchSize);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < options.Value.ResultBatchSize && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                List<RunJobItem> refill;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    refill = await scope.ServiceProvider.GetRequiredService<JobResults>().ApplyAsync([.. batch.Select(pending => pending.Result)], stoppingToken);
                }

                batch.ForEach(pending => pending.Stored.TrySetResult());
                if (refill.Count > 0)
                {
                    await _sendSlots.WaitAsync(stoppingToken);
                    _ = SendAsync(refill);
                }
            }
            catch (Exception e)
            {
                // Each message is retried by its consumer's retry policy and comes back in a later batch.
                batch.ForEach(pending => pending.Stored.TrySetException(e));
            }

            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Sends under way finish (or give their items back) before the bus stops.
        for (var slot = 0; slot < ConcurrentSends; slot++)
        {
            await _sendSlots.WaitAsync(cancellationToken);
        }
    }

    private async Task SendAsync(List<RunJobItem> refill)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobDispatcher>().SendAsync(refill);
        }
        finally
        {
            _sendSlots.Release();
        }
    }

    private sealed record PendingResult(JobItemCompleted Result, TaskCompletionSource Stored);
}
