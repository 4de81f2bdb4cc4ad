using Microsoft.EntityFrameworkCore;
using Platform.Providers.Accounting;
using Platform.Llm.Data;
using Platform.Llm.Data.Accounting;

namespace Platform.Gateway.Dashboard.Monitoring;

/// <summary>
/// Tokens and cost for the usage page. By model and by hour from the hourly rollup; by key from the records,
/// since the rollup does not keep keys (the (created_at, model_name) index bounds the scan to the period).
/// </summary>
public sealed class UsageQueries(IServiceScopeFactory scopes)
{
    public const string NoKey = "(no key: local mode)";

    public async Task<IReadOnlyList<UsageRow>> HourlyByModelAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var since = HourlyUsage.HourOf(from);
        return await scope.ServiceProvider.GetRequiredService<LlmDbContext>().Set<HourlyUsage>().AsNoTracking()
            .Where(total => total.Hour >= since)
            .OrderBy(total => total.Hour).ThenBy(total => total.ModelName)
            .Select(total => new UsageRow(total.ModelName, total.Hour, total.Requests, total.PromptTokens + total.CompletionTokens, total.Cost))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UsageRow>> ByKeyAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var since = HourlyUsage.HourOf(from);
        var rows = await scope.ServiceProvider.GetRequiredService<LlmDbContext>().Set<UsageEntry>().AsNoTracking()
            .Where(entry => entry.CreatedAt >= since)
            .GroupBy(entry => entry.ApiKeyId)
            .Select(group => new
            {
                Key = group.Key,
                Requests = group.LongCount(),
                Tokens = group.Sum(entry => (long)entry.PromptTokens + entry.CompletionTokens),
                Cost = group.Sum(entry => entry.Cost),
            })
            .OrderByDescending(row => row.Cost).ThenByDescending(row => row.Tokens)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => new UsageRow(row.Key ?? NoKey, null, row.Requests, row.Tokens, row.Cost))];
    }
}
