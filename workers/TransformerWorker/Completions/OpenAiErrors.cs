using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.TransformerWorker.Completions;

/// <summary>OpenAI's error body, so that OpenAI clients (the platform's own included) read the message.</summary>
public static class OpenAiErrors
{
    public static JsonHttpResult<OpenAiError> InvalidRequest(string message) =>
        Error(StatusCodes.Status400BadRequest, message, "invalid_request_error", code: null);

    public static JsonHttpResult<OpenAiError> ModelNotFound(string model, IEnumerable<string> available) =>
        Error(StatusCodes.Status404NotFound, $"The model '{model}' does not exist on this worker; it serves: {string.Join(", ", available)}",
            "invalid_request_error", "model_not_found");

    public static JsonHttpResult<OpenAiError> Unavailable(string message) =>
        Error(StatusCodes.Status503ServiceUnavailable, message, "server_error", "model_unavailable");

    public static JsonHttpResult<OpenAiError> Busy(string message) =>
        Error(StatusCodes.Status429TooManyRequests, message, "rate_limit_error", "rate_limit_exceeded");

    private static JsonHttpResult<OpenAiError> Error(int status, string message, string type, string? code) =>
        TypedResults.Json(new OpenAiError(new OpenAiErrorBody(message, type, Param: null, code)), statusCode: status);
}
