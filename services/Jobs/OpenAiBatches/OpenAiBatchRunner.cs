using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Llm.Data;
using Platform.Jobs.Data;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>
/// Moves every open batch on at a fixed interval, on one Jobs replica at a time: the replica holding a PostgreSQL advisory
/// lock on its own connection. If that replica dies its connection closes, the lock is released and another takes over.
/// </summary>
public sealed partial class OpenAiBatchRunner(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptions<OpenAiBatchOptions> options,
    TimeProvider time,
    ILogger<OpenAiBatchRunner> logger) : BackgroundService
{
    private const long LockKey = 0x6F61_6962; // "oaib"
    private const int BatchesPerPass = 100;

    private static readonly OpenAiBatchStatus[] Open =
        [OpenAiBatchStatus.Validating, OpenAiBatchStatus.InProgress, OpenAiBatchStatus.Finalizing, OpenAiBatchStatus.Cancelling];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(configuration.PostgresConnectionString());
                await connection.OpenAsync(stoppingToken);
                if (await ScalarAsync(connection, $"SELECT pg_try_advisory_lock({LockKey})", stoppingToken))
                {
                    // The lock lives as long as the connection: a query on it each pass ends this replica's turn if it was lost.
                    while (await ScalarAsync(connection, "SELECT true", stoppingToken))
                    {
                        await AdvanceOpenBatchesAsync(stoppingToken);
                        await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken);
        }
    }

    private static async Task<bool> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task AdvanceOpenBatchesAsync(CancellationToken cancellationToken)
    {
        List<string> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<JobsDbContext>().OpenAiBatches
                .Where(batch => Open.Contains(batch.Status))
                .OrderBy(batch => batch.CreatedAt).Select(batch => batch.Id).Take(BatchesPerPass)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<OpenAiBatchProgress>().AdvanceAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBatchFailed(logger, e, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass over the open OpenAI batches failed; it is tried again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} could not be moved on; it is tried again at the next pass")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string batchId);
}
