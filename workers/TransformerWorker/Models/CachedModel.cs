namespace Platform.TransformerWorker.Models;

/// <summary>One loaded model as the cache reports it (seed 001's cached model list).</summary>
public sealed record CachedModel(
    string Key, DateTimeOffset LoadedAt, double LoadSeconds, long AccessCount, DateTimeOffset LastAccess, double MemoryMb);
