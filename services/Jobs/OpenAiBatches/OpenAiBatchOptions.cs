using System.ComponentModel.DataAnnotations;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>Section `OpenAiBatch`: OpenAI's limits, and how a batch's job is run.</summary>
public sealed class OpenAiBatchOptions
{
    public const string SectionName = "OpenAiBatch";

    [Range(1, 1_000_000)]
    public int MaxLines { get; set; } = 50_000;

    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>How long a batch may run before it expires; the API only accepts `24h`, tests shorten it here.</summary>
    public TimeSpan CompletionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Requests in flight for a model without a requests-per-minute limit in the registry.</summary>
    [Range(1, 1000)]
    public int DefaultConcurrency { get; set; } = 20;

    /// <summary>The most requests in flight for one batch, whatever the model's limit.</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 200;

    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 60;

    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 2;

    /// <summary>How often open batches are moved on (validated, finalized, expired).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
