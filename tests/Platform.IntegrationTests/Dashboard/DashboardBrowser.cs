using Microsoft.Playwright;

namespace Platform.IntegrationTests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download cannot run here), as the Aspire
/// dashboard test drives it; pages at the desktop size the issue names, and screenshots kept as test artefacts.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        // Models and queues are sampled every few seconds, on a machine that other builds keep busy.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>A page of a fresh browser context (its own cookies), opened at <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(Uri url, ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(url.ToString());
        return page;
    }

    /// <summary>Opens a dashboard page and waits until its circuit is connected, so that its buttons work.</summary>
    public async Task<IPage> OpenLiveAsync(Uri url, ViewportSize? viewport = null)
    {
        var page = await OpenAsync(url, viewport);
        await Assertions.Expect(page.Locator(".dashboard-live")).ToBeAttachedAsync(new() { Timeout = 90_000 });
        return page;
    }

    /// <summary>Saves what the page shows under the test's output and attaches it to the test's result.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
