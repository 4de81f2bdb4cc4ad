using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Gathers worker results from every consumer call and applies them in batches: one loop takes whatever has
/// arrived (up to <see cref="JobsOptions.ResultBatchSize"/>) and applies it in one transaction, and while it does,
/// the next batch gathers by itself. No timer runs: an idle service does nothing, and a lone result is applied at
/// once. A consumer call completes only when its result is committed, so the message is acknowledged after that.
/// </summary>
public sealed class ResultBuffer(IServiceScopeFactory scopes, IOptions<JobsOptions> options) : BackgroundService
{
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
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<JobResults>().ApplyAsync([.. batch.Select(pending => pending.Result)], stoppingToken);
                batch.ForEach(pending => pending.Stored.TrySetResult());
            }
            catch (Exception e)
            {
                // Each message is retried by its consumer's retry policy and comes back in a later batch.
                batch.ForEach(pending => pending.Stored.TrySetException(e));
            }

            batch.Clear();
        }
    }

    private sealed record PendingResult(JobItemCompleted Result, TaskCompletionSource Stored);
}
