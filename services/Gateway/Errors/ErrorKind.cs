namespace Platform.Gateway.Errors;

/// <summary>What went wrong, independent of the API family that reports it; <see cref="ErrorCatalogue"/> gives each its one status.</summary>
public enum ErrorKind
{
    InvalidRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    RateLimited,
    ModelNotFound,
    ModelUnavailable,
    UpstreamFailed,
    ProviderKeyRejected,
    Timeout,
    ServiceUnavailable,
    Internal,
}
