using Microsoft.EntityFrameworkCore;

namespace Platform.Providers.Accounting;

/// <summary>One hour of one model's usage: what `/stats/usage` sums instead of millions of records.</summary>
public sealed class HourlyUsage
{
    public DateTimeOffset Hour { get; set; }
    public string ModelName { get; set; } = "";
    public long Requests { get; set; }
    public long Failures { get; set; }
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }
    public decimal Cost { get; set; }
    public long LatencyMsTotal { get; set; }

    /// <summary>Folds records into hourly totals, ordered by hour then model so that concurrent writers lock rows in one order.</summary>
    public static List<HourlyUsage> Rollup(IEnumerable<UsageRecord> records) =>
        records.GroupBy(record => (Hour: HourOf(record.CreatedAt), record.ModelName))
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

    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
