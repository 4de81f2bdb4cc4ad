namespace Platform.Gateway.Cache;

public sealed record CacheEntryList(IReadOnlyList<CacheEntryView> Entries, long Total, int Offset, int Limit);
