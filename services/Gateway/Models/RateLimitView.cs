namespace Platform.Gateway.Models;

public sealed record RateLimitView(int? RequestsPerMinute, int? TokensPerMinute);
