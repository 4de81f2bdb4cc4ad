using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Gateway;

/// <summary>
/// Usage records name the API key that made the call — a stored key by its id, a bootstrap key by its
/// position — never the key itself. A Gateway of its own on a database of its own, since storing a key
/// closes a Gateway that was in local mode (the shared stack's is).
/// </summary>
public sealed class UsageKeyTests
{
    private const string BootstrapKey = "bootstrap-admin-key-for-usage-tests";
    private const string Model = "usage-keyed-model";

    private FakeOpenAiUpstream _upstream = null!;
    private ServiceProcess _gateway = null!;
    private HttpClient _client = null!;
    private string _database = null!;

    [OneTimeSetUp]
    public async Task StartGatewayAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        _database = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync("gateway_usage_keys");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = _database,
            ["Auth__ApiKeys__0"] = BootstrapKey,
            ["Llm__Models__0__Id"] = Model,
            ["Llm__Models__0__ModelType"] = "openai",
            ["Llm__Models__0__ModelName"] = "up-usage",
            ["Llm__Models__0__BaseUrl"] = _upstream.BaseUrl.ToString(),
            ["Llm__Models__0__ApiKey"] = "sk-upstream-secret",
        });
        await _gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task StopGatewayAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    [Test]
    public async Task A_call_with_a_stored_key_is_accounted_to_the_keys_id()
    {
        using var create = await SendAsync(HttpMethod.Post, "/api/llm/keys", BootstrapKey, new { name = "usage-accounting" });
        var created = JsonNode.Parse(await create.Content.ReadAsStringAsync())!;
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToJsonString());
        var (id, key) = (created["id"]!.GetValue<string>(), created["key"]!.GetValue<string>());

        await GenerateAsync(key);

        await GatewayApi.EventuallyAsync(() => UsageRowsOf(id) > 0, TimeSpan.FromSeconds(15), $"a usage record of {Model} carries key id {id}");
        Assert.That(UsageRowsOf(key), Is.Zero, "the key itself is never stored");
    }

    [Test]
    public async Task A_call_with_a_bootstrap_key_is_accounted_to_its_position_not_the_key()
    {
        await GenerateAsync(BootstrapKey);

        await GatewayApi.EventuallyAsync(() => UsageRowsOf("config:0") > 0, TimeSpan.FromSeconds(15), $"a usage record of {Model} carries config:0");
        Assert.That(UsageRowsOf(BootstrapKey), Is.Zero, "the key itself is never stored");
    }

    private async Task GenerateAsync(string key)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/llm/generate", key,
            new { model = Model, messages = new[] { new { role = "user", content = "今天天气真好" } } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Successful usage records of the test model carrying <paramref name="apiKeyId"/>.</summary>
    private long UsageRowsOf(string apiKeyId)
    {
        using var connection = new NpgsqlConnection(_database);
        connection.Open();
        using var count = new NpgsqlCommand("SELECT count(*) FROM llm.usage_records WHERE model_name = $1 AND api_key_id = $2 AND success", connection)
        {
            Parameters = { new() { Value = Model }, new() { Value = apiKeyId } },
        };
        return (long)count.ExecuteScalar()!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-API-Key", key);
        return _client.SendAsync(request);
    }
}
