namespace Platform.Contracts.Http.Cache;

public sealed record CachePurged(string Message, int PurgedEntries);
