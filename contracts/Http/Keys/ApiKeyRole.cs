namespace Platform.Contracts.Http.Keys;

/// <summary>What a key may do: `admin` keys also manage keys; `user` keys call the APIs.</summary>
public enum ApiKeyRole
{
    User,
    Admin,
}
