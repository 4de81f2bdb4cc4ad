namespace Platform.Providers.Resilience;

/// <summary>The seeds' error codes for a failed provider call.</summary>
public static class ProviderErrorCode
{
    public const string ModelUnavailable = "MODEL_UNAVAILABLE";
    public const string ApiKeyInvalid = "API_KEY_INVALID";
    public const string RequestTimeout = "REQUEST_TIMEOUT";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string ModelNotFound = "MODEL_NOT_FOUND";
}
