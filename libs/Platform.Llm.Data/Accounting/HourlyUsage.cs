namespace Platform.Llm.Data.Accounting;

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

    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
