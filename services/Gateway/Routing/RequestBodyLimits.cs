using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Errors;

namespace Platform.Gateway.Routing;

/// <summary>
/// How large a request body each route accepts: 1 MB unless listed (chat, predict, configuration), more
/// where a request carries many tasks or images. A declared length over the limit is refused before the body
/// is read; a chunked body that grows past it while read fails there, both as 413 in the family's shape.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultBytes = 1 << 20;

    private static readonly (RouteRule Route, long Bytes)[] Larger =
    [
        (new(HttpMethods.Post, "/api/v1/tasks"), 64L << 20),
        (new(HttpMethods.Post, "/api/v1/ai/predict/batch"), 16L << 20),
        // Seed 001 carries images as base64 and batches of up to 100 requests.
        (new(RouteRule.AnyMethod, "/inference"), 16L << 20),
        // OpenAI batch input files: above OpenAI's 200 MB, so that Jobs, which knows its configured limit, refuses.
        (new(HttpMethods.Post, "/v1/files"), 256L << 20),
    ];

    public static long LimitOf(HttpContext context) =>
        Larger.FirstOrDefault(entry => entry.Route.Matches(context)).Bytes is > 0 and var bytes ? bytes : DefaultBytes;

    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var limit = LimitOf(context);
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } writable ? writable : null;
            if (context.Request.ContentLength is { } length && length > limit)
            {
                // Kestrel then drains the unread body (for at most 5 s) so that the client, still sending, reads this answer;
                // a cap below the declared length would make it drop the connection, and the client see a broken pipe.
                feature?.MaxRequestBodySize = null;
                return new PlatformError(ErrorKind.PayloadTooLarge,
                    $"The request body is {length} bytes; {context.Request.Path} accepts at most {limit} bytes",
                    new { max_bytes = limit }).ExecuteAsync(context);
            }

            feature?.MaxRequestBodySize = limit;
            return next(context);
        });
        return app;
    }
}
