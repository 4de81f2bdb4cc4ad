using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// OpenTelemetry in Aspire's shape: the framework's instrumentation plus MassTransit's and our own
/// (<c>Platform.*</c>) sources and meters, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set (the AppHost sets it to the dashboard). The service's name comes from <c>OTEL_SERVICE_NAME</c>.
/// </summary>
public static class TelemetryExtensions
{
    private const string MassTransit = "MassTransit";
    private const string PlatformSources = "Platform.*";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var openTelemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransit, PlatformSources))
            .WithTracing(tracing => tracing
                // Probes poll every few seconds; their spans would bury the requests that matter.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddSource(MassTransit, PlatformSources));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            openTelemetry.UseOtlpExporter();
        }
        return builder;
    }
}
