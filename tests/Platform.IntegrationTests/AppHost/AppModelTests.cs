using System.Diagnostics;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.AppHost;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.AppHost;

/// <summary>
/// The real app model started with Aspire.Hosting.Testing: a batch job runs through it, then the Aspire
/// dashboard, opened in Debian's Chromium, shows every resource running and the job item's one trace
/// spanning the Gateway, Jobs, the worker and the upstream call.
/// </summary>
[NonParallelizable]
public sealed class AppModelTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] Resources = ["postgres", "rabbitmq", "jobs", "transformer-worker", "provider-worker", "gateway"];
    private static readonly string[] TraceResources = ["gateway", "jobs", "provider-worker"];

    [Test]
    public async Task A_batch_item_runs_through_the_app_model_and_the_dashboard_shows_its_one_trace()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var dataDirectory = Directory.CreateTempSubdirectory("app-model-test-").FullName;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<PlatformSettings>(
                new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
                [
                    $"--Platform:DataDirectory={dataDirectory}",
                    $"--Platform:GatewayUrl=http://localhost:{FreePort.Next()}",
                    "--Platform:RunDemo=false",
                    "--Platform:ProviderWorkerReplicas=1",
                ]);
            await using var app = await builder.BuildAsync();
            await app.StartAsync().WaitAsync(StartTimeout);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway").WaitAsync(StartTimeout);

            using var gateway = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = app.GetEndpoint("gateway", "http") };
            var taskIds = await gateway.ImportNumberedTasksAsync("aspire", 1);
            // The test's own trace id, so that the dashboard's page of exactly this trace can be opened.
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ai/predict/batch")
            {
                Content = JsonContent.Create(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "trace-model") } }),
            };
            submit.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var submitted = await gateway.SendAsync(submit);
            var jobId = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["job_id"]!.GetValue<string>();
            var job = await gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));
            Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));

            // The URL carries a one-time login token; the browser keeps the session it opens.
            await AssertDashboardAsync(await app.GetDashboardUrlAsync(), traceId);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task AssertDashboardAsync(Uri loginUrl, string traceId)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(loginUrl.ToString());
        foreach (var resource in Resources)
        {
            await Assertions.Expect(page.Locator("tr", new PageLocatorOptions { HasText = resource }).First)
                .ToContainTextAsync("Running", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        }

        // Spans arrive in batches each second or so; the trace's page fills in as they do.
        var spans = page.Locator("body");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        string text;
        do
        {
            await page.GotoAsync(new Uri(loginUrl, $"/traces/detail/{traceId}").ToString());
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            text = await spans.InnerTextAsync();
        }
        while (!(TraceResources.All(text.Contains) && text.Contains("chat trace-model", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);

        Assert.Multiple(() =>
        {
            foreach (var resource in TraceResources)
            {
                Assert.That(text, Does.Contain(resource), $"the trace has spans of {resource}");
            }
            Assert.That(text, Does.Contain("chat trace-model"), "the trace has the upstream model call");
        });
    }
}
