using System.Net;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Errors;

/// <summary>
/// The one table of the Gateway's errors: each kind's HTTP status and canonical code, and how a failed
/// provider call is classified. Every API family renders these in its own shape (<see cref="ErrorShape"/>);
/// no family decides a status of its own.
/// </summary>
public static class ErrorCatalogue
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound or ErrorKind.ModelNotFound => StatusCodes.Status404NotFound,
        ErrorKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        // The provider answered with a failure, or could not be reached: a bad gateway, as a proxy reports it.
        ErrorKind.UpstreamFailed => StatusCodes.Status502BadGateway,
        // A provider refusing the platform's key is the operator's to fix, not the caller's credential (401) and not
        // transient (503, which clients retry): 502.
        ErrorKind.ProviderKeyRejected => StatusCodes.Status502BadGateway,
        // Overloaded, or held back by a circuit or quota that says when to return: retrying later helps.
        ErrorKind.ModelUnavailable or ErrorKind.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        // The upstream did not answer in time: 504 is the status that says exactly that, in every family.
        ErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code a family without a list of its own reports (seed 003, seed 002, WebSocket messages).</summary>
    public static string CodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidRequest => "INVALID_REQUEST",
        ErrorKind.Unauthorized => "UNAUTHORIZED",
        ErrorKind.Forbidden => "FORBIDDEN",
        ErrorKind.NotFound => "NOT_FOUND",
        ErrorKind.MethodNotAllowed => "METHOD_NOT_ALLOWED",
        ErrorKind.Conflict => "CONFLICT",
        ErrorKind.PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        ErrorKind.RateLimited => ProviderErrorCode.RateLimitExceeded,
        ErrorKind.ModelNotFound => ProviderErrorCode.ModelNotFound,
        // Seed 003's list has one code for a model that cannot answer; its details say why.
        ErrorKind.ModelUnavailable or ErrorKind.UpstreamFailed or ErrorKind.ProviderKeyRejected or ErrorKind.Timeout => ProviderErrorCode.ModelUnavailable,
        ErrorKind.ServiceUnavailable => "SERVICE_UNAVAILABLE",
        _ => "INTERNAL_ERROR",
    };

    public static ErrorKind KindOf(ProviderException failure) => failure switch
    {
        { ErrorCode: ProviderErrorCode.ModelNotFound } or { UpstreamStatus: HttpStatusCode.NotFound } => ErrorKind.ModelNotFound,
        { ErrorCode: ProviderErrorCode.RateLimitExceeded } => ErrorKind.RateLimited,
        { ErrorCode: ProviderErrorCode.InvalidRequest } => ErrorKind.InvalidRequest,
        { ErrorCode: ProviderErrorCode.RequestTimeout } => ErrorKind.Timeout,
        { ErrorCode: ProviderErrorCode.ApiKeyInvalid } => ErrorKind.ProviderKeyRejected,
        { UpstreamStatus: HttpStatusCode.ServiceUnavailable } or { UpstreamStatus: null, RetryAfter: not null } => ErrorKind.ModelUnavailable,
        _ => ErrorKind.UpstreamFailed,
    };

    /// <summary>The kind of a refusal that has only a status (body parsing, unknown paths and methods).</summary>
    public static ErrorKind KindOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorKind.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorKind.Forbidden,
        StatusCodes.Status404NotFound => ErrorKind.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorKind.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorKind.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorKind.PayloadTooLarge,
        StatusCodes.Status429TooManyRequests => ErrorKind.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorKind.ServiceUnavailable,
        >= 400 and < 500 => ErrorKind.InvalidRequest,
        _ => ErrorKind.Internal,
    };
}
