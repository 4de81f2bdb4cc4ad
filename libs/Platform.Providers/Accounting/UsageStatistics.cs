using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Platform.Llm.Data;
using Platform.Llm.Data.Accounting;

namespace Platform.Providers.Accounting;

/// <summary>
/// The stats queries. Periods of days read the hourly rollup (a few rows per model and hour, however
/// many calls there were); percentiles need the latencies themselves, so they read the records of a
/// recent window through the (created_at, model_name) index.
/// </summary>
public sealed class UsageStatistics(IServiceScopeFactory scopes, NpgsqlDataSource dataSource)
{
    private const string PerformanceQuery = """
        SELECT count(*),
               count(*) FILTER (WHERE success),
               coalesce(avg(latency_ms) FILTER (WHERE success), 0)::float8,
               percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE success),
               coalesce(sum(prompt_tokens + completion_tokens), 0)
        FROM llm.usage_records
        WHERE created_at >= @since AND (@model IS NULL OR model_name = @model)
        """;

    /// <summary>Usage per model from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), whole hours.</summary>
    public async Task<IReadOnlyList<ModelUsage>> UsageByModelAsync(DateTimeOffset from, DateTimeOffset to, string? model,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LlmDbContext>();
        var hours = db.Set<HourlyUsage>().Where(total => total.Hour >= from.ToUniversalTime() && total.Hour < to.ToUniversalTime());
        if (model is not null)
        {
            hours = hours.Where(total => total.ModelName == model);
        }

        return await hours.GroupBy(total => total.ModelName)
            .OrderBy(group => group.Key)
            .Select(group => new ModelUsage(group.Key, group.Sum(total => total.Requests),
                group.Sum(total => total.PromptTokens + total.CompletionTokens), group.Sum(total => total.Cost)))
            .ToListAsync(cancellationToken);
    }

    public async Task<PerformanceSummary> PerformanceAsync(DateTimeOffset now, TimeSpan window, string? model,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PerformanceQuery);
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (now - window).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlDbType.Text) { Value = (object?)model ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var percentiles = reader.IsDBNull(3) ? [0, 0, 0] : reader.GetFieldValue<double[]>(3);
        return new PerformanceSummary(window, reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2),
            percentiles[0], percentiles[1], percentiles[2], reader.GetInt64(4));
    }
}
