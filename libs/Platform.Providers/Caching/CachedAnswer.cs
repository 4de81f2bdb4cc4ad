namespace Platform.Providers.Caching;

/// <summary>What is kept of an answer: its text, and the model version the provider reported.</summary>
public sealed record CachedAnswer(string Text, string? ModelVersion);
