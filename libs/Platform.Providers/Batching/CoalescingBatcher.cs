using System.Threading.Channels;

namespace Platform.Providers.Batching;

/// <summary>
/// Group commit for database calls made by many concurrent callers: each caller hands in one request and awaits its own
/// answer; one loop takes whatever has arrived (up to a batch limit) and runs it as one call, and while that call runs the
/// next batch gathers by itself. No timer: a lone request runs at once, and under load a hundred callers cost one round
/// trip instead of a hundred. A caller that gives up stops waiting; the batch it was in still runs.
/// </summary>
public sealed class CoalescingBatcher<TRequest, TAnswer> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TAnswer>>> _run;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="run">Runs one batch and answers in the order of its requests; not cancelled when a caller gives up.</param>
    public CoalescingBatcher(Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TAnswer>>> run, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        (_run, _maxBatch) = (run, maxBatch);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Completes with this request's answer, or throws what running its batch threw.</summary>
    public Task<TAnswer> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, new TaskCompletionSource<TAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);
        return pending.Answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs what was already handed in, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var answers = await _run([.. batch.Select(pending => pending.Request)], CancellationToken.None);
                for (var index = 0; index < batch.Count; index++)
                {
                    batch[index].Answer.TrySetResult(answers[index]);
                }
            }
            catch (Exception e)
            {
                batch.ForEach(pending => pending.Answer.TrySetException(e));
            }

            batch.Clear();
        }
    }

    private sealed record Pending(TRequest Request, TaskCompletionSource<TAnswer> Answer);
}
