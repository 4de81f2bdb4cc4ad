using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Telemetry;

/// <summary>With `OTEL_EXPORTER_OTLP_ENDPOINT` set, a service exports traces, metrics and logs over OTLP.</summary>
public sealed class OtlpExportTests
{
    [Test]
    public async Task A_service_exports_traces_metrics_and_logs_to_the_configured_collector()
    {
        var received = new ConcurrentDictionary<string, byte[]>();
        var collectorPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{collectorPort}");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received[signal] = body.ToArray();
            return Results.Ok();
        });
        await collector.StartAsync();

        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{collectorPort}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "gateway-under-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };
        using var _ = await client.GetAsync("/api/v1/ai/batch");

        await GatewayApi.EventuallyAsync(() => received.ContainsKey("traces") && received.ContainsKey("metrics") && received.ContainsKey("logs"),
            TimeSpan.FromSeconds(30), "traces, metrics and logs have all arrived");
        Assert.That(Encoding.UTF8.GetString(received["traces"]), Does.Contain("gateway-under-test"), "resource names the service");
    }
}
