namespace Platform.Contracts.Http.Keys;

/// <summary>`POST /api/llm/keys` body.</summary>
public sealed record CreateKeyRequest(string? Name, ApiKeyRole? Role, int? RequestsPerMinute, DateTimeOffset? ExpiresAt);
