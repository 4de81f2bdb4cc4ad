using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Gateway.Errors;

/// <summary>
/// The last resort: a failure no endpoint expected is logged with its request id and answered as 500
/// `INTERNAL_ERROR` in the family's shape (never ProblemDetails, never the exception's text).
/// </summary>
public sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        LogFailed(logger, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier, exception);
        await new PlatformError(ErrorKind.Internal,
            $"The request failed unexpectedly; quote request id {httpContext.TraceIdentifier} when reporting it").ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed (request {RequestId})")]
    private static partial void LogFailed(ILogger logger, string method, string path, string requestId, Exception exception);
}
