namespace Platform.Gateway.Errors;

public static class ErrorCatalogueExtensions
{
    /// <summary>Body errors, then any other unhandled exception, answered through the catalogue in the family's shape.</summary>
    public static IHostApplicationBuilder AddErrorCatalogue(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<BodyErrorHandler>();
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>
    /// Unhandled exceptions, and statuses set without a body (unknown paths 404, wrong methods 405, Kestrel's
    /// 413), answer in the error shape of the API that was called.
    /// </summary>
    public static WebApplication UseErrorCatalogue(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async pages =>
        {
            var context = pages.HttpContext;
            var status = context.Response.StatusCode;
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"No endpoint at {context.Request.Path}; /openapi/v1.json lists the API",
                StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
                _ => $"The request failed with HTTP {status}",
            };
            await new PlatformError(ErrorCatalogue.KindOf(status), message, new { path = context.Request.Path.Value, method = context.Request.Method })
                .ExecuteAsync(context);
        });
        return app;
    }
}
