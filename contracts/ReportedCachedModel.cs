namespace Platform.Contracts;

/// <summary>One loaded model in a <see cref="ModelCacheReported"/>: seed 001's key, load time, access count, last access and memory.</summary>
public sealed record ReportedCachedModel(
    string Key, DateTimeOffset LoadedAt, double LoadSeconds, long AccessCount, DateTimeOffset LastAccess, double MemoryMb);
