using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Gateway.Inference;

/// <summary>An unexpected failure under `/inference` is answered in seed 001's shape (500 INFERENCE_FAILED), without internals.</summary>
public sealed partial class InferenceExceptionHandler(ILogger<InferenceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException || !httpContext.Request.Path.StartsWithSegments(InferenceApi.Prefix))
        {
            return false;
        }

        LogFailed(logger, httpContext.Request.Path, exception);
        await InferenceErrors.Result(StatusCodes.Status500InternalServerError, InferenceErrors.InferenceFailed,
            $"The inference request failed unexpectedly; quote request id {httpContext.TraceIdentifier} when reporting it").ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inference request {Path} failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);
}
