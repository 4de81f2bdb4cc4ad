using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Providers.Accounting;

/// <summary>
/// Drains <see cref="UsageRecorder"/>'s queue: writes a batch when it reaches
/// <see cref="UsageAccountingOptions.MaxBatchSize"/> records or <see cref="UsageAccountingOptions.FlushInterval"/>
/// after its first record, whichever comes first, and writes what is left when the service stops.
/// </summary>
public sealed partial class UsageWriter(
    UsageRecorder recorder,
    UsageStore store,
    IOptions<UsageAccountingOptions> options,
    ILogger<UsageWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = recorder.Pending;
        var batch = new List<UsageRecord>(options.Value.MaxBatchSize);
        try
        {
            while (await pending.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(batch, stoppingToken);
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written below without the stopping token.
        }

        while (pending.TryRead(out var record))
        {
            batch.Add(record);
            if (batch.Count == options.Value.MaxBatchSize)
            {
                await WriteAsync(batch, CancellationToken.None);
            }
        }

        await WriteAsync(batch, CancellationToken.None);
    }

    private async Task FillAsync(List<UsageRecord> batch, CancellationToken stoppingToken)
    {
        var pending = recorder.Pending;
        var maxBatchSize = options.Value.MaxBatchSize;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(options.Value.FlushInterval);
        try
        {
            while (batch.Count < maxBatchSize)
            {
                while (batch.Count < maxBatchSize && pending.TryRead(out var record))
                {
                    batch.Add(record);
                }

                if (batch.Count == maxBatchSize || !await pending.WaitToReadAsync(window.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The flush interval is over: write what arrived.
        }
    }

    private async Task WriteAsync(List<UsageRecord> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                await store.WriteAsync(batch, cancellationToken);
                recorder.ReportWrite(succeeded: true);
                batch.Clear();
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
            {
                recorder.ReportWrite(succeeded: false);
                if (attempt >= options.Value.WriteAttempts)
                {
                    LogGivenUp(logger, batch.Count, attempt, e);
                    batch.Clear();
                    return;
                }

                LogRetrying(logger, batch.Count, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} usage records failed (attempt {Attempt}): {Reason}; retrying")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up writing {Count} usage records after {Attempts} attempts")]
    private static partial void LogGivenUp(ILogger logger, int count, int attempts, Exception exception);
}
