namespace Platform.Gateway.Cache;

public sealed record CachePurgedResponse(string Message, int PurgedEntries);
