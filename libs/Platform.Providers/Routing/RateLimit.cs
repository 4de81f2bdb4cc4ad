namespace Platform.Providers.Routing;

/// <summary>Requests and tokens per minute a deployment may use; null means no limit.</summary>
public sealed record RateLimit(int? RequestsPerMinute, int? TokensPerMinute)
{
    public static RateLimit Unlimited { get; } = new(null, null);
}
