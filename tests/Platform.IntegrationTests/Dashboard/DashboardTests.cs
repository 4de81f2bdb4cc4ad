using System.Net;
using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Models;

namespace Platform.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard in a real browser against the running platform (whose Gateway is in local mode, so no
/// sign-in): jobs moving live, cancelling, model health, usage, workers, themes and phone width.
/// </summary>
[NonParallelizable]
public sealed class DashboardTests
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slowly = new() { Timeout = 90_000 };
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;
    private DashboardBrowser _browser = null!;

    private static Uri Page(string path) => new(PlatformFixture.Stack.GatewayUrl, path);

    [OneTimeSetUp]
    public async Task LaunchAsync() => _browser = await DashboardBrowser.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseAsync() => await _browser.DisposeAsync();

    [Test]
    public async Task A_submitted_job_appears_and_its_progress_bar_reaches_100_percent_without_a_reload()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromMilliseconds(150);
        var tasks = await Gateway.ImportNumberedTasksAsync($"dash_live_{Guid.NewGuid():N}"[..20], 12);
        var page = await _browser.OpenLiveAsync(Page("/dashboard/jobs"));
        await Assertions.Expect(page.Locator(".jobs-table")).ToBeVisibleAsync();
        await page.EvaluateAsync("window.__sameDocument = true");

        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = tasks,
            ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "dash-live-model") },
            batch_config = new { max_concurrent_tasks = 2 },
        });

        var row = JobRow(page, jobId);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".job-progress")).ToHaveAttributeAsync("data-progress", "100 %", Slowly);
        await Assertions.Expect(row.Locator(".status-chip")).ToHaveTextAsync("completed");
        Assert.That(await page.EvaluateAsync<bool>("window.__sameDocument === true"), Is.True, "the page was never reloaded");
        await DashboardBrowser.ScreenshotAsync(page, "jobs");

        await row.GetByRole(AriaRole.Link, new() { Name = jobId }).ClickAsync();
        await Assertions.Expect(page.Locator(".results-table tbody tr")).ToHaveCountAsync(tasks.Count);
        await Assertions.Expect(page.Locator(".results-table")).ToContainTextAsync("positive");
        await Assertions.Expect(page.Locator("[data-chart^='Progress over time']")).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "job");

        using var csv = await Gateway.GetAsync($"/dashboard/jobs/{jobId}/results.csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(lines[0].TrimEnd('\r'), Does.StartWith("task_id,model_type,model_name,status,prediction"));
        Assert.That(lines, Has.Length.EqualTo(tasks.Count + 1));
        using var jsonl = await Gateway.GetAsync($"/dashboard/jobs/{jobId}/results.jsonl");
        Assert.That((await jsonl.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(tasks.Count));
    }

    [Test]
    public async Task A_job_cancelled_from_the_list_after_confirming_shows_cancelled()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromSeconds(1);
        var tasks = await Gateway.ImportNumberedTasksAsync($"dash_cancel_{Guid.NewGuid():N}"[..22], 30);
        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = tasks,
            ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "dash-cancel-model") },
            batch_config = new { max_concurrent_tasks = 1 },
        });
        var page = await _browser.OpenLiveAsync(Page("/dashboard/jobs"));
        var row = JobRow(page, jobId);

        // The running row is updated in place by each refresh, not replaced: a click landing on elements being
        // replaced is lost (its press and release reach different buttons).
        var cancel = row.Locator(".cancel-job");
        var progressBar = row.Locator(".job-progress");
        await cancel.EvaluateAsync("button => button.dataset.seen = 'before the refresh'");
        var progress = await progressBar.GetAttributeAsync("data-progress");
        await Assertions.Expect(progressBar).Not.ToHaveAttributeAsync("data-progress", progress!);
        await Assertions.Expect(cancel).ToHaveAttributeAsync("data-seen", "before the refresh");

        await cancel.ClickAsync();
        await row.Locator(".confirm-cancel").ClickAsync();

        await Assertions.Expect(row.Locator(".status-chip")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(cancel).ToHaveCountAsync(0);
        Assert.That((await Gateway.GetJobAsync(jobId))["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        await DashboardBrowser.ScreenshotAsync(page, "jobs-cancelled");
    }

    [Test]
    public async Task A_model_whose_upstream_fails_shows_unhealthy()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Error(503, "upstream overloaded");
        const string model = "dash-failing-model";
        await Gateway.CreateModelAsync(model, upstream, "sk-dash-failing");

        for (var call = 0; call < 4; call++)
        {
            var (status, _, _) = await Gateway.SendAsync(HttpMethod.Post, "/api/llm/generate",
                new { model, messages = new[] { new { role = "user", content = "ping" } } });
            Assert.That(status, Is.Not.EqualTo(HttpStatusCode.OK));
        }

        var page = await _browser.OpenLiveAsync(Page("/dashboard/models"));
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-model='{model}']") });
        await Assertions.Expect(row.Locator(".status-chip").First).ToHaveTextAsync("unhealthy");
        await Assertions.Expect(page.Locator(".cache-hit-rate")).ToContainTextAsync("%");
        await DashboardBrowser.ScreenshotAsync(page, "models");
    }

    [Test]
    public async Task The_usage_chart_and_tables_show_the_calls_just_made()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        const string model = "dash-usage-model";
        await Gateway.CreateModelAsync(model, upstream, "sk-dash-usage");
        for (var call = 0; call < 3; call++)
        {
            var (status, _, text) = await Gateway.SendAsync(HttpMethod.Post, "/api/llm/generate",
                new { model, messages = new[] { new { role = "user", content = $"今天天气真好 {call}" } } });
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        }

        var page = await _browser.OpenLiveAsync(Page("/dashboard/usage"));

        await Assertions.Expect(page.Locator("[data-chart='Tokens per hour by model']")).ToContainTextAsync(model);
        var row = page.Locator(".usage-by-model tr", new() { HasText = model });
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator(".usage-by-key")).ToContainTextAsync("local mode");
        await DashboardBrowser.ScreenshotAsync(page, "usage");
    }

    [Test]
    public async Task Workers_page_shows_the_queues_and_every_transformer_replica_with_its_models()
    {
        var page = await _browser.OpenLiveAsync(Page("/dashboard/workers"));

        await Assertions.Expect(page.Locator(".queues-table tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-chart='Queue depth']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".replicas-table tbody tr")).ToHaveCountAsync(RunningPlatform.WorkerReplicas,
            new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".replicas-table")).ToContainTextAsync("MB of");
        await DashboardBrowser.ScreenshotAsync(page, "workers");
    }

    [Test]
    public async Task The_theme_switches_to_dark_and_the_jobs_page_fits_a_phone()
    {
        var page = await _browser.OpenLiveAsync(Page("/dashboard/jobs"), DashboardBrowser.Phone);
        await Assertions.Expect(page.Locator(".jobs-table")).ToBeVisibleAsync();
        var background = await BackgroundAsync(page);

        await page.Locator(".theme-toggle").ClickAsync();

        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", background);
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(DashboardBrowser.Phone.Width),
            "nothing runs off the side of a phone's screen");
        await DashboardBrowser.ScreenshotAsync(page, "jobs-phone-theme-switched");
    }

    private static ILocator JobRow(IPage page, string jobId) => page.Locator("tr", new() { Has = page.Locator($"[data-job='{jobId}']") });

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
}
