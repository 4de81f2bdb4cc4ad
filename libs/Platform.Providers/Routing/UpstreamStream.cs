using Microsoft.Extensions.AI;
using Platform.Providers.Resilience;

namespace Platform.Providers.Routing;

/// <summary>
/// A provider stream that has delivered its first chunk: the router's retries and fallbacks are over,
/// and what remains is read, counted in the deployment's statistics and quota, and released.
/// </summary>
internal sealed class UpstreamStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly CancellationTokenSource _upstream;
    private readonly DeploymentState _state;
    private readonly IDisposable _inFlight;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long? _tokensUsed;

    private UpstreamStream(IAsyncEnumerator<ChatResponseUpdate> updates, CancellationTokenSource upstream,
        DeploymentState state, IDisposable inFlight, TimeProvider time, long started)
    {
        _updates = updates;
        _upstream = upstream;
        _state = state;
        _inFlight = inFlight;
        _time = time;
        _started = started;
        Count(updates.Current);
    }

    public ChatResponseUpdate Current => _updates.Current;

    /// <summary>
    /// One attempt at opening a stream: succeeds once the first chunk is in. <paramref name="attemptToken"/>
    /// (the attempt's timeout and deadline) bounds only that wait; the stream itself lives as long as
    /// <paramref name="callerToken"/>.
    /// </summary>
    public static async Task<UpstreamStream> OpenAsync(TimeProvider time, DeploymentState state,
        RouteRequest request, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var started = time.GetTimestamp();
        var client = state.Client; // first: making it may fail, before anything needs releasing
        var inFlight = state.Stats.Track();
        var upstream = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, upstream.Token).GetAsyncEnumerator(upstream.Token);
        try
        {
            bool first;
            using (attemptToken.Register(static source => ((CancellationTokenSource)source!).Cancel(), upstream))
            {
                first = await updates.MoveNextAsync().ConfigureAwait(false);
            }

            // The attempt's limit fired just as the first chunk came: the stream is already cancelled.
            attemptToken.ThrowIfCancellationRequested();
            if (!first)
            {
                throw ProviderException.Malformed(state.Deployment.Target.DisplayName, "the stream ended before its first chunk");
            }

            return new UpstreamStream(updates, upstream, state, inFlight, time, started);
        }
        catch
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            upstream.Dispose();
            inFlight.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next chunk; a failure now ends the stream and counts against the deployment.</summary>
    public async ValueTask<bool> MoveNextAsync(LoadBalancingSettings settings, CancellationToken callerToken)
    {
        bool moved;
        try
        {
            moved = await _updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !callerToken.IsCancellationRequested)
        {
            _state.Stats.RecordFailure(settings);
            throw;
        }

        if (moved)
        {
            Count(_updates.Current);
        }

        return moved;
    }

    /// <summary>The whole stream arrived: its duration and usage go to the statistics and the quota.</summary>
    public void Completed(int estimatedTokens, LoadBalancingSettings settings)
    {
        _state.Stats.RecordSuccess(_time.GetElapsedTime(_started), settings);
        _state.Quota.Settle(estimatedTokens, _tokensUsed ?? estimatedTokens);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the enumerator of an unfinished stream aborts the upstream request.
        await _upstream.CancelAsync().ConfigureAwait(false);
        await _updates.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
        _inFlight.Dispose();
    }

    private void Count(ChatResponseUpdate update)
    {
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            _tokensUsed = ModelRouter.TokensUsed(usage.Details) ?? _tokensUsed;
        }
    }
}
