using Npgsql;
using NpgsqlTypes;
using Platform.Llm.Data.Accounting;
using Platform.Providers.Routing;

namespace Platform.Providers.Accounting;

/// <summary>
/// Writes usage in batches: the records with one binary COPY, and their hourly rollup with one
/// multi-row upsert, in the same transaction so that the two never disagree.
/// </summary>
public sealed class UsageStore(NpgsqlDataSource dataSource)
{
    private const string CopyCommand = """
        COPY llm.usage_records (created_at, model_name, deployment_id, source, prompt_tokens, completion_tokens,
                                tokens_estimated, cost, latency_ms, success, error_code, api_key_id)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string RollupCommand = """
        INSERT INTO llm.usage_hourly AS total
            (hour, model_name, requests, failures, prompt_tokens, completion_tokens, cost, latency_ms_total)
        SELECT * FROM unnest(@hour, @model, @requests, @failures, @prompt, @completion, @cost, @latency)
        ON CONFLICT (hour, model_name) DO UPDATE SET
            requests = total.requests + excluded.requests,
            failures = total.failures + excluded.failures,
            prompt_tokens = total.prompt_tokens + excluded.prompt_tokens,
            completion_tokens = total.completion_tokens + excluded.completion_tokens,
            cost = total.cost + excluded.cost,
            latency_ms_total = total.latency_ms_total + excluded.latency_ms_total
        """;

    /// <summary>Deletes the records written before <paramref name="cutoff"/>; the hourly rollups keep their totals.</summary>
    public async Task<int> DeleteRecordsBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM llm.usage_records WHERE created_at < @cutoff");
        command.Parameters.AddWithValue("cutoff", cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task WriteAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken))
        {
            foreach (var record in records)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(record.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(record.ModelName, NpgsqlDbType.Text, cancellationToken);
                await WriteTextOrNullAsync(copy, record.DeploymentId, cancellationToken);
                await copy.WriteAsync(SourceName(record.Source), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(record.PromptTokens, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(record.CompletionTokens, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(record.TokensEstimated, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(record.Cost, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(record.LatencyMs, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(record.Success, NpgsqlDbType.Boolean, cancellationToken);
                await WriteTextOrNullAsync(copy, record.ErrorCode, cancellationToken);
                await WriteTextOrNullAsync(copy, record.ApiKeyId, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await UpsertRollupAsync(connection, Rollup(records), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Folds records into hourly totals, ordered by hour then model so that concurrent writers lock rows in one order.</summary>
    public static List<HourlyUsage> Rollup(IEnumerable<UsageRecord> records) =>
        records.GroupBy(record => (Hour: HourlyUsage.HourOf(record.CreatedAt), record.ModelName))
            .Select(group => new HourlyUsage
            {
                Hour = group.Key.Hour,
                ModelName = group.Key.ModelName,
                Requests = group.Count(),
                Failures = group.Count(record => !record.Success),
                PromptTokens = group.Sum(record => (long)record.PromptTokens),
                CompletionTokens = group.Sum(record => (long)record.CompletionTokens),
                Cost = group.Sum(record => record.Cost),
                LatencyMsTotal = group.Sum(record => (long)record.LatencyMs),
            })
            .OrderBy(total => total.Hour).ThenBy(total => total.ModelName, StringComparer.Ordinal)
            .ToList();

    public static string SourceName(CallMode source) => source switch
    {
        CallMode.Batch => "batch",
        _ => "interactive",
    };

    private static async Task UpsertRollupAsync(NpgsqlConnection connection, List<HourlyUsage> totals, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RollupCommand, connection);
        command.Parameters.Add(new NpgsqlParameter("hour", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = totals.Select(total => total.Hour.UtcDateTime).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = totals.Select(total => total.ModelName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("requests", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = totals.Select(total => total.Requests).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("failures", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = totals.Select(total => total.Failures).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("prompt", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = totals.Select(total => total.PromptTokens).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("completion", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = totals.Select(total => total.CompletionTokens).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("cost", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = totals.Select(total => total.Cost).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("latency", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = totals.Select(total => total.LatencyMsTotal).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task WriteTextOrNullAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
