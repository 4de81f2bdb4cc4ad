using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Dashboard;

/// <summary>
/// Signing in to the dashboard of a Gateway that requires keys (its own database, a bootstrap admin key):
/// the key is kept in a secure http-only cookie, wrong keys are refused, and a `user` key sees jobs but not
/// the operators' pages.
/// </summary>
public sealed class DashboardSignInTests
{
    private const string AdminKey = "dashboard-admin-key-for-tests";
    private ServiceProcess _gateway = null!;
    private Uri _url = null!;
    private DashboardBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var database = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync("dashboard_keys");
        _url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, _url.ToString(), new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["Auth__ApiKeys__0"] = AdminKey,
        });
        await _gateway.WaitReadyAsync(new Uri(_url, "health/ready"), TimeSpan.FromSeconds(180));
        _browser = await DashboardBrowser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task An_admin_key_signs_in_into_an_http_only_secure_cookie_and_a_wrong_key_is_refused()
    {
        var page = await _browser.OpenAsync(new Uri(_url, "/dashboard/models"));
        Assert.That(page.Url, Does.Contain("/dashboard/signin"), "a visitor without a key is sent to sign in");
        await DashboardBrowser.ScreenshotAsync(page, "signin");

        await SignInAsync(page, "not-a-key");
        await Assertions.Expect(page.Locator(".mud-alert")).ToContainTextAsync("not valid");

        await SignInAsync(page, AdminKey);
        await Assertions.Expect(page.Locator(".models-table")).ToBeVisibleAsync();
        var cookie = (await page.Context.CookiesAsync()).Single(cookie => cookie.Name == "platform_dashboard_key");
        Assert.That((cookie.HttpOnly, cookie.Secure, cookie.SameSite), Is.EqualTo((true, true, SameSiteAttribute.Strict)));
        Assert.That(await page.ContentAsync(), Does.Not.Contain(AdminKey), "the key never appears in a page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name='ApiKey']")).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_user_key_sees_the_jobs_page_but_not_the_operators_pages()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/keys") { Content = JsonContent.Create(new { name = "annotator", role = "user" }) };
        request.Headers.Add("X-API-Key", AdminKey);
        using var created = await client.SendAsync(request);
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var userKey = JsonNode.Parse(body)!["key"]!.GetValue<string>();

        var page = await _browser.OpenAsync(new Uri(_url, "/dashboard"));
        await SignInAsync(page, userKey);
        await Assertions.Expect(page.Locator(".jobs-table")).ToBeVisibleAsync();

        var response = await page.GotoAsync(new Uri(_url, "/dashboard/usage").ToString());
        Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("needs an admin API key");
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.Locator("input[name='ApiKey']").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
