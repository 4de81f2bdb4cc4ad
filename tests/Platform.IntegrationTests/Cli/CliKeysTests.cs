using System.Text.RegularExpressions;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Cli;

/// <summary>
/// `platform keys` against a Gateway of its own (storing a key ends local mode, so the shared stack's
/// Gateway is left alone), with a bootstrap admin key given the way users give it: PLATFORM_API_KEY.
/// </summary>
public sealed partial class CliKeysTests
{
    private const string BootstrapKey = "cli-bootstrap-admin-key";
    private ServiceProcess _gateway = null!;
    private string _gatewayUrl = null!;

    [OneTimeSetUp]
    public async Task StartGatewayAsync()
    {
        var database = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync("cli_keys");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["Auth__ApiKeys__0"] = BootstrapKey,
        });
        await _gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        _gatewayUrl = url.ToString();
    }

    [OneTimeTearDown]
    public async Task StopGatewayAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Test]
    public async Task A_key_is_created_shown_once_listed_without_its_secret_and_revoked()
    {
        var created = await RunAsync(BootstrapKey, "keys", "create", "--name", "labeling-team", "--role", "user", "--rpm", "120", "--expires", "2031-01-01T00:00:00Z");

        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString());
        var key = CreatedKey().Match(created.Output);
        Assert.That(key.Success, Is.True, created.ToString());
        var id = key.Groups["id"].Value;
        var secret = key.Groups["secret"].Value;
        Assert.That(created.Output, Does.Contain("only time the key is shown"));
        Assert.That(created.Output, Does.Contain(id).And.Contain("120 requests/min").And.Contain("2031-01-01"));

        var listed = await RunAsync(BootstrapKey, "keys", "list");
        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        var row = listed.Output.Split('\n').Single(line => line.Contains(id, StringComparison.Ordinal));
        Assert.That(row, Does.Contain("labeling-team").And.Contain("user").And.Contain($"pk_{id}_…").And.Contain("120").And.Match(@"\bno\b"));
        Assert.That(listed.Output + listed.Error, Does.Not.Contain(secret));

        var usedByItsOwner = await RunAsync(key.Value, "jobs", "list");
        Assert.That(usedByItsOwner.ExitCode, Is.EqualTo(0), usedByItsOwner.ToString());

        var revoked = await RunAsync(BootstrapKey, "keys", "revoke", id);
        Assert.That(revoked.ExitCode, Is.EqualTo(0), revoked.ToString());
        Assert.That(revoked.Output, Does.Contain($"Revoked API key {id}"));

        var relisted = await RunAsync(BootstrapKey, "keys", "list");
        Assert.That(relisted.Output.Split('\n').Single(line => line.Contains(id, StringComparison.Ordinal)), Does.Contain("yes"));
        var rejected = await RunAsync(key.Value, "jobs", "list");
        Assert.That(rejected.ExitCode, Is.EqualTo(1));
        Assert.That(rejected.Error.Trim(), Is.EqualTo("Error: The Gateway answered 401: The API key has been revoked"));
    }

    [Test]
    public async Task Gateway_refusals_are_one_line_errors_with_the_gateways_message()
    {
        var created = await RunAsync(BootstrapKey, "keys", "create", "--name", "not-an-admin");
        var userKey = CreatedKey().Match(created.Output).Value;

        var forbidden = await RunAsync(userKey, "keys", "list");
        var anonymous = await RunAsync(apiKey: null, "keys", "list");
        var unknown = await RunAsync(BootstrapKey, "keys", "revoke", "000000000000");

        Assert.Multiple(() =>
        {
            Assert.That(forbidden.ExitCode, Is.EqualTo(1));
            Assert.That(forbidden.Error, Does.StartWith("Error: The Gateway answered 403: "));
            Assert.That(anonymous.ExitCode, Is.EqualTo(1));
            Assert.That(anonymous.Error, Does.StartWith("Error: The Gateway answered 401: ").And.EndWith("(pass --api-key or set PLATFORM_API_KEY)\n"));
            Assert.That(unknown.ExitCode, Is.EqualTo(1));
            Assert.That(unknown.Error, Is.EqualTo("Error: The Gateway answered 404: There is no stored API key '000000000000'\n"));
            Assert.That(new[] { forbidden, anonymous, unknown }.Select(result => result.Error.TrimEnd('\n')), Has.None.Contains("\n"));
        });
    }

    /// <summary>The key is passed as PLATFORM_API_KEY, as the README recommends.</summary>
    private Task<CliResult> RunAsync(string? apiKey, params string[] args) =>
        CliRunner.RunAsync([.. args, "--gateway", _gatewayUrl],
            apiKey is null ? null : new Dictionary<string, string> { ["PLATFORM_API_KEY"] = apiKey });

    [GeneratedRegex(@"^pk_(?<id>[0-9a-f]{12})_(?<secret>[0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex CreatedKey();
}
