namespace Platform.Contracts.Http.Cache;

public sealed record CacheEntryList(IReadOnlyList<CacheEntryView> Entries, long Total, int Offset, int Limit);
