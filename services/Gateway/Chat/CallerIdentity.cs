namespace Platform.Gateway.Chat;

/// <summary>Who is calling, as far as usage accounting is concerned.</summary>
public static class CallerIdentity
{
    /// <summary>Claim carrying the id (never the secret) of the platform API key a request authenticated with.</summary>
    public const string ApiKeyIdClaim = "api_key_id";

    public static string? ApiKeyIdOf(HttpContext context) => context.User.FindFirst(ApiKeyIdClaim)?.Value;
}
