namespace Platform.Gateway.Chat;

/// <summary>How the Gateway calls models for interactive clients (section `Interactive`).</summary>
public sealed class InteractiveOptions
{
    public const string SectionName = "Interactive";

    /// <summary>Limit of one model call (seed 000: "Model request timed out after 30 seconds").</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Retries after a transient failure. None by default: an interactive client is better served by a
    /// prompt 429/503 with Retry-After than by a request that waits for the provider's quota.
    /// </summary>
    public int RetryAttempts { get; set; }

    /// <summary>The TransformerWorker's built-in model, which WebSocket messages naming no model get when no <see cref="DefaultModel"/> is set.</summary>
    public const string LocalModel = "tiny";

    /// <summary>Model used by WebSocket messages that name none (seed 002's sketch sends only text); unset: the local <see cref="LocalModel"/>.</summary>
    public string? DefaultModel { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
