using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.Providers.Quotas.SharedCounts;

/// <summary>
/// The `llm` database as the store of the counts every replica shares (rate-limit windows, socket leases). A count is
/// worth less than the call it guards: when the database fails or is slow, <see cref="TryAsync{T}"/> answers its
/// fallback and the caller counts on this replica alone. After failures the database is left alone for
/// <see cref="SharedStoreOptions.BreakDuration"/> (then one call tries it), so an outage costs calls no waiting, and
/// it is logged once, as is its end.
/// </summary>
public sealed partial class SharedStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _pipeline;

    public SharedStore(NpgsqlDataSource dataSource, IOptions<SharedStoreOptions> options, TimeProvider time, ILogger<SharedStore> logger)
    {
        _dataSource = dataSource;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // A database that is gone fails every call; a busy one that times out some of them is still asked.
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = options.Value.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    LogUnavailable(logger, args.Outcome.Exception, (int)args.BreakDuration.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogAvailable(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Value.Timeout)
            .Build();
    }

    /// <summary>Runs <paramref name="work"/> on an open connection; answers <paramref name="fallback"/> when the database cannot be asked now.</summary>
    public async Task<T> TryAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, T fallback, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                return await work(connection, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BrokenCircuitException || IsOutage(e))
        {
            return fallback;
        }
    }

    private static bool IsOutage(Exception? failure) =>
        failure is DbException or TimeoutRejectedException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Shared counts unavailable: rate limits, quotas and socket limits count per replica; the database is asked again in {BreakMs} ms")]
    private static partial void LogUnavailable(ILogger logger, Exception? exception, int breakMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared counts available again")]
    private static partial void LogAvailable(ILogger logger);
}
