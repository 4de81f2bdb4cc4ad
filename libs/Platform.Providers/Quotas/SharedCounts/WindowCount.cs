namespace Platform.Providers.Quotas.SharedCounts;

/// <summary>What a key's current window holds after a charge, and how long until it ends.</summary>
public sealed record WindowCount(string Key, long Count, TimeSpan Left);
