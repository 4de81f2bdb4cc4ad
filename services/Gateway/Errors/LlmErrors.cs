namespace Platform.Gateway.Errors;

public static class LlmErrors
{
    /// <summary>The seed's error shape with the request's id, so a user can quote it when reporting a problem.</summary>
    public static IResult Result(HttpContext context, int statusCode, string code, string message, object? details = null) =>
        TypedResults.Json(new LlmErrorResponse(new LlmError(code, message, details, RequestIdOf(context))), statusCode: statusCode);

    public static string RequestIdOf(HttpContext context) => "req_" + context.TraceIdentifier.Replace(':', '_');
}
