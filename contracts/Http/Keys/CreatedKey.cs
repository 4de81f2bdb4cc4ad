namespace Platform.Contracts.Http.Keys;

/// <summary>The only answer that ever contains the key.</summary>
public sealed record CreatedKey(string Id, string Key, string Name, ApiKeyRole Role, string Prefix, int? RequestsPerMinute,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
