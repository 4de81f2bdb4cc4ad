using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>Errors of the Files and Batch APIs in OpenAI's shape, so that OpenAI's SDKs raise their usual exceptions.</summary>
public static class OpenAiErrors
{
    public static JsonHttpResult<OpenAiErrorBody> InvalidRequest(string message, string? param, string? code = null) =>
        TypedResults.Json(Body(message, "invalid_request_error", param, code), statusCode: StatusCodes.Status400BadRequest);

    public static JsonHttpResult<OpenAiErrorBody> NotFound(string message, string? param = null) =>
        TypedResults.Json(Body(message, "invalid_request_error", param, "not_found"), statusCode: StatusCodes.Status404NotFound);

    public static JsonHttpResult<OpenAiErrorBody> Conflict(string message) =>
        TypedResults.Json(Body(message, "invalid_request_error", null, "conflict"), statusCode: StatusCodes.Status409Conflict);

    /// <summary>For a request body ASP.NET Core could not read.</summary>
    public static IResult Status(int statusCode, string message) =>
        TypedResults.Json(Body(message, "invalid_request_error", null, null), statusCode: statusCode);

    private static OpenAiErrorBody Body(string message, string type, string? param, string? code) => new(new OpenAiErrorDetail(message, type, param, code));
}
