using Platform.ServiceDefaults;

namespace Platform.Gateway.Errors;

/// <summary>A missing, malformed, mistyped or oversized body is answered in the error shape of the API it was sent to.</summary>
public sealed class BodyErrorHandler : RequestBodyErrorHandler
{
    protected override IResult ErrorFor(HttpContext httpContext, int statusCode, string message) =>
        new PlatformError(ErrorCatalogue.KindOf(statusCode), message);
}
