namespace Platform.Providers.Resilience;

/// <summary>How hard to try one call: retries after the first attempt, and the limit of each attempt.</summary>
public sealed record CallPolicy(int RetryAttempts, TimeSpan AttemptTimeout)
{
    /// <summary>
    /// Bound on all attempts and retry delays (and batch quota waits) at one deployment; a fallback model
    /// gets a deadline of its own. Null: <see cref="Routing.RoutingOptions.DefaultDeadline"/>.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The first retry's wait, doubling after; null: the provider options' base delay. A provider's Retry-After wins.</summary>
    public TimeSpan? RetryDelay { get; init; }
}
