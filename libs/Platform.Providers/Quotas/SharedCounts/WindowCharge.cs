namespace Platform.Providers.Quotas.SharedCounts;

/// <summary>Adds <paramref name="Amount"/> (zero to only read it) to the current one-minute window of <paramref name="Key"/>.</summary>
public sealed record WindowCharge(string Key, int Amount);
