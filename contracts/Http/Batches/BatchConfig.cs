namespace Platform.Contracts.Http.Batches;

/// <param name="RetryDelaySeconds">Seed 004's `retry_delay`: the first retry's wait, doubling after (a provider's Retry-After wins).</param>
public sealed record BatchConfig(int? MaxConcurrentTasks, int? RetryAttempts, int? TimeoutSeconds, double? RetryDelaySeconds = null)
{
    public const int DefaultMaxConcurrentTasks = 5;
    public const int DefaultRetryAttempts = 2;
    public const int DefaultTimeoutSeconds = 30;
}
