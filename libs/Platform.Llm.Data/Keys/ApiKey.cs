using Platform.Contracts.Http.Keys;
namespace Platform.Llm.Data.Keys;

/// <summary>
/// A Gateway API key. Only the SHA-256 of the full key is stored: the key itself is shown once, when
/// it is created, and cannot be recovered.
/// </summary>
public sealed class ApiKey
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public ApiKeyRole Role { get; init; }
    public required byte[] KeyHash { get; init; }

    /// <summary>Null: the Gateway's `Auth:DefaultRequestsPerMinute`.</summary>
    public int? RequestsPerMinute { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
