namespace Platform.Providers.Clients;

/// <summary>What a provider's error body says: its message, and how long it asks us to wait (when the body says so).</summary>
internal readonly record struct UpstreamError(string? Message, TimeSpan? RetryAfter = null);
