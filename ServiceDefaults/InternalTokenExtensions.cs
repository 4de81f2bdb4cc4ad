using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.ServiceDefaults;

public static class InternalTokenExtensions
{
    public const string Refusal = $"This service accepts calls from the platform only: {InternalHeaders.Token} is missing or wrong";

    /// <summary>
    /// With `Internal:Token` configured, refuses every call but the health probes unless it carries that token, so that
    /// nothing else on the network can read or cancel jobs or drive the local model. <paramref name="unauthorized"/>
    /// is the service's 401 in its API's error shape.
    /// </summary>
    public static WebApplication UseInternalToken(this WebApplication app, Func<IResult> unauthorized)
    {
        var token = app.Services.GetRequiredService<IOptions<InternalTokenOptions>>().Value.Token;
        if (string.IsNullOrEmpty(token))
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/health")
                || (context.Request.Headers[InternalHeaders.Token].FirstOrDefault() is { } presented
                    && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected)))
            {
                await next(context);
                return;
            }

            await unauthorized().ExecuteAsync(context);
        });
        return app;
    }
}
