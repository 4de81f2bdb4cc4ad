namespace Platform.Gateway.RateLimiting;

/// <summary>Whether a request fits its key's window, and when that window ends.</summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter);
