using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Gateway.Errors;
using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Routing;

/// <summary>
/// Header bytes that are not UTF-8 would make Kestrel answer an empty 400 before the API sees the request. Kestrel
/// reads every header as Latin-1 instead (each byte one character, never a failure), and the headers the Gateway
/// reads or passes on are refused here, in the family's shape, unless they are printable ASCII.
/// </summary>
public static class RequestHeaderChecks
{
    private static readonly string[] CheckedHeaders = ["X-API-Key", "Authorization", ServiceForwarder.IdempotencyKeyHeader];

    public static IHostApplicationBuilder AddRequestHeaderChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(options => options.RequestHeaderEncodingSelector = _ => Encoding.Latin1);
        return builder;
    }

    /// <summary>Before authentication, so that a key with bytes no key has is a 400, not a 401.</summary>
    public static WebApplication UseRequestHeaderChecks(this WebApplication app)
    {
        app.Use((context, next) =>
            CheckedHeaders.FirstOrDefault(name => !context.Request.Headers[name].All(IsPrintableAscii)) is { } refused
                // The value is never echoed: it may be a credential.
                ? new PlatformError(ErrorKind.InvalidRequest, $"The {refused} header holds characters other than printable ASCII",
                    new { header = refused }).ExecuteAsync(context)
                : next(context));
        return app;
    }

    private static bool IsPrintableAscii(string? value) => value is null || value.All(c => c is >= ' ' and <= '~');
}
