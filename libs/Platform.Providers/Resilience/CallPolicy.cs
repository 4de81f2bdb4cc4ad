namespace Platform.Providers.Resilience;

/// <summary>How hard to try one call: retries after the first attempt, and the limit of each attempt.</summary>
public sealed record CallPolicy(int RetryAttempts, TimeSpan AttemptTimeout);
