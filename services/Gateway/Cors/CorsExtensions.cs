using Microsoft.Extensions.Options;

namespace Platform.Gateway.Cors;

public static class CorsExtensions
{
    /// <summary>One policy for every API: the configured origins, any method and header, and the headers clients read back.</summary>
    public static IHostApplicationBuilder AddGatewayCors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayCorsOptions>().BindConfiguration(GatewayCorsOptions.SectionName)
            .Validate(options => options.AllowedOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/"),
                "Cors:AllowedOrigins must hold origins only: scheme, host and port, no path.")
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<GatewayCorsOptions>>((cors, gateway) => cors.AddDefaultPolicy(policy => policy
                .SetIsOriginAllowed(gateway.Value.Allows)
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders("Retry-After", "X-Request-Id")));
        return builder;
    }
}
