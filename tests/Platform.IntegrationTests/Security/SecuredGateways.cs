using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Gateway replicas with API keys on an `llm` database of their own (the shared stack's Gateway is in local mode, where
/// every caller is the admin), in front of the shared stack's Jobs and TransformerWorker: a bootstrap admin key, and
/// stored keys made through the keys API.
/// </summary>
public sealed class SecuredGateways : IAsyncDisposable
{
    public const string AdminKey = "bootstrap-admin-key-for-security-tests";

    /// <summary>Settings for suites that send many requests with one key: no per-key default limit.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unthrottled = new Dictionary<string, string> { ["Auth__DefaultRequestsPerMinute"] = "0" };

    private readonly List<ServiceProcess> _processes = [];

    private SecuredGateways()
    {
    }

    /// <summary>The connection string of the replicas' own database, for services started beside them.</summary>
    public string DatabaseConnectionString { get; private set; } = "";

    public List<HttpClient> Replicas { get; } = [];
    public List<Uri> Urls { get; } = [];

    /// <summary>The first replica's client.</summary>
    public HttpClient Client => Replicas[0];

    public static async Task<SecuredGateways> StartAsync(string database, int replicas = 1, IReadOnlyDictionary<string, string>? extra = null)
    {
        var gateways = new SecuredGateways();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync(database),
            ["Auth__ApiKeys__0"] = AdminKey,
            ["Auth__KeyCacheDuration"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        gateways.DatabaseConnectionString = settings["ConnectionStrings__postgres"];

        for (var replica = 0; replica < replicas; replica++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var process = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), settings);
            gateways._processes.Add(process);
            await process.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
            gateways.Urls.Add(url);
            gateways.Replicas.Add(new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) });
        }

        return gateways;
    }

    /// <summary>Settings that configure one OpenAI-compatible model, <paramref name="id"/>, answered by <paramref name="upstream"/>.</summary>
    public static Dictionary<string, string> ModelSettings(string id, Uri upstream) => new()
    {
        ["Llm__Models__0__Id"] = id,
        ["Llm__Models__0__ModelType"] = "openai",
        ["Llm__Models__0__ModelName"] = $"up-{id}",
        ["Llm__Models__0__BaseUrl"] = upstream.ToString(),
        ["Llm__Models__0__ApiKey"] = "sk-security-tests",
    };

    /// <summary>A new stored key: its id and the key itself.</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string name, string role = "user", int? requestsPerMinute = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/llm/keys", AdminKey, new { name, role, requests_per_minute = requestsPerMinute });
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToJsonString());
        return (created["id"]!.GetValue<string>(), created["key"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null,
        int replica = 0, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-API-Key", key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Replicas[replica].SendAsync(request);
    }

    /// <summary>Every operation of the Gateway's OpenAPI document as (method, path template, request body schema).</summary>
    public async Task<List<OpenApiOperation>> OperationsAsync()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(operation => new OpenApiOperation(new HttpMethod(operation.Key.ToUpperInvariant()), path.Key,
                    OpenApiOperation.PropertiesOf(document, operation.Value!))))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Replicas)
        {
            client.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
