using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// A Gateway of its own with a bootstrap admin key and a database of its own (the shared stack's Gateway
/// is in local mode, where every caller is the admin), forwarding to the shared Jobs and TransformerWorker.
/// </summary>
public sealed class KeyedGateway : IAsyncDisposable
{
    public const string AdminKey = "hostile-suite-bootstrap-admin-key";

    private readonly ServiceProcess _process;

    private KeyedGateway(ServiceProcess process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<KeyedGateway> StartAsync(string databaseName)
    {
        var database = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync(databaseName);
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["Auth__ApiKeys__0"] = AdminKey,
            ["Auth__DefaultRequestsPerMinute"] = "0",
        });
        await process.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        return new KeyedGateway(process, client);
    }

    /// <summary>Creates a stored `user` key and returns it.</summary>
    public async Task<string> CreateUserKeyAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/keys") { Content = JsonContent.Create(new { name, role = "user" }) };
        request.Headers.Add("X-API-Key", AdminKey);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonNode.Parse(body)!["key"]!.GetValue<string>();
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
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
