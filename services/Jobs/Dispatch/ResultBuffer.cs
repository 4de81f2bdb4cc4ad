using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Providers.Batching;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Gathers worker results from every consumer call and applies them in batches of up to
/// <see cref="JobsOptions.ResultBatchSize"/>, one transaction each, through a <see cref="CoalescingBatcher{TRequest,TAnswer}"/>:
/// an idle service does nothing, and a lone result is applied at once. A consumer call completes only when its result
/// is committed, so the message is acknowledged after that. The items that refill the windows are sent beside the next
/// batch's transaction rather than before it: waiting for the broker's confirms would otherwise add its latency to every
/// turn of every window. An item whose send never happens (a crash) keeps its lease, and the sweeper sends it.
/// </summary>
public sealed class ResultBuffer : IHostedService, IAsyncDisposable
{
    /// <summary>Sends under way at once; beyond it the next batch waits, so a slow broker slows the loop instead of piling up sends.</summary>
    private const int ConcurrentSends = 4;

    private readonly IServiceScopeFactory _scopes;
    private readonly SemaphoreSlim _sendSlots = new(ConcurrentSends);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CoalescingBatcher<JobItemCompleted, bool> _results;

    public ResultBuffer(IServiceScopeFactory scopes, IOptions<JobsOptions> options)
    {
        _scopes = scopes;
        _results = new CoalescingBatcher<JobItemCompleted, bool>(ApplyAsync, options.Value.ResultBatchSize);
    }

    /// <summary>Completes when <paramref name="result"/> is stored (or throws what storing it threw).</summary>
    public Task AddAsync(JobItemCompleted result, CancellationToken cancellationToken) => _results.RunAsync(result, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Results still waiting fail at once; each message is retried by its consumer's retry policy after a restart.
        await _stopping.CancelAsync();
        await _results.DisposeAsync();
        // Sends under way finish (or give their items back) before the bus stops.
        for (var slot = 0; slot < ConcurrentSends; slot++)
        {
            await _sendSlots.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _results.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task<IReadOnlyList<bool>> ApplyAsync(IReadOnlyList<JobItemCompleted> results, CancellationToken cancellationToken)
    {
        List<RunJobItem> refill;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            refill = await scope.ServiceProvider.GetRequiredService<JobResults>().ApplyAsync(results, _stopping.Token);
        }

        if (refill.Count > 0)
        {
            // Not cancelled at stop: the results are committed, and a send frees its slot within its timeout.
            await _sendSlots.WaitAsync(CancellationToken.None);
            _ = SendAsync(refill);
        }

        return new bool[results.Count];
    }

    private async Task SendAsync(List<RunJobItem> refill)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobDispatcher>().SendAsync(refill);
        }
        finally
        {
            _sendSlots.Release();
        }
    }
}
