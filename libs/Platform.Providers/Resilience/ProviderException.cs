using System.Net;

namespace Platform.Providers.Resilience;

/// <summary>
/// A provider call that failed, classified: whether retrying can help, how long the provider asked us
/// to wait, and which seed error it maps to. Messages never include request headers or keys.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(string errorCode, string message, bool isTransient, HttpStatusCode? upstreamStatus = null,
        TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        IsTransient = isTransient;
        UpstreamStatus = upstreamStatus;
        RetryAfter = retryAfter;
    }

    public string ErrorCode { get; }
    public bool IsTransient { get; }
    public HttpStatusCode? UpstreamStatus { get; }
    public TimeSpan? RetryAfter { get; }

    /// <summary>Refused by our own quota for the deployment: the provider was not called, so neither retry nor circuit counts it.</summary>
    public bool IsQuotaRejection { get; private init; }

    /// <summary>Attempts made before the call failed, across retries and fallbacks (set by the router).</summary>
    public int Attempts { get; internal set; }

    /// <summary>Maps an upstream HTTP status to the seeds' codes; only 408, 429 and 5xx are worth retrying.</summary>
    public static ProviderException FromStatus(string model, HttpStatusCode status, string? upstreamMessage, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var detail = string.IsNullOrWhiteSpace(upstreamMessage) ? "" : $": {Truncate(upstreamMessage)}";
        return code switch
        {
            401 or 403 => new(ProviderErrorCode.ApiKeyInvalid, $"Model {model} rejected the API key (HTTP {code}){detail}", false, status),
            404 => new(ProviderErrorCode.ModelUnavailable, $"Model {model} was not found upstream (HTTP 404){detail}", false, status),
            408 => new(ProviderErrorCode.RequestTimeout, $"Model {model} timed out upstream (HTTP 408){detail}", true, status, retryAfter),
            429 => new(ProviderErrorCode.RateLimitExceeded, $"Model {model} is rate limited (HTTP 429){detail}", true, status, retryAfter),
            >= 500 => new(ProviderErrorCode.ModelUnavailable, $"Model {model} is not accessible (HTTP {code}){detail}", true, status, retryAfter),
            _ => new(ProviderErrorCode.InvalidRequest, $"Model {model} refused the request (HTTP {code}){detail}", false, status),
        };
    }

    public static ProviderException Timeout(string model, TimeSpan timeout) =>
        new(ProviderErrorCode.RequestTimeout, $"Model request timed out after {timeout.TotalSeconds:0.###} seconds", true);

    /// <summary>This failure with <paramref name="secret"/> masked out of its message: some providers echo the key they rejected.</summary>
    public ProviderException Without(string? secret) =>
        string.IsNullOrEmpty(secret) || !Message.Contains(secret, StringComparison.Ordinal)
            ? this
            : new(ErrorCode, Redact(Message, secret), IsTransient, UpstreamStatus, RetryAfter, InnerException)
            {
                IsQuotaRejection = IsQuotaRejection,
                Attempts = Attempts,
            };

    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    public static ProviderException QuotaExceeded(string model, TimeSpan retryAfter) =>
        new(ProviderErrorCode.RateLimitExceeded, $"Model {model} is over its rate limit; retry after {Math.Ceiling(retryAfter.TotalSeconds):0} seconds",
            true, retryAfter: retryAfter) { IsQuotaRejection = true };

    public static ProviderException CircuitOpen(string model, TimeSpan? retryAfter) =>
        new(ProviderErrorCode.ModelUnavailable, $"Model {model} is temporarily unavailable after repeated failures", true, retryAfter: retryAfter);

    public static ProviderException Unreachable(string model, Exception cause) =>
        new(ProviderErrorCode.ModelUnavailable, $"Model {model} is not accessible: {cause.Message}", true, innerException: cause);

    public static ProviderException Malformed(string model, string problem) =>
        new(ProviderErrorCode.ModelUnavailable, $"Model {model} sent an unusable answer: {problem}", true);

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
