using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Gateway;

/// <summary>
/// Stored API keys through two real Gateway replicas on a database of their own (the shared stack's
/// Gateway stays in local mode): bootstrap admin key, create, use, list, revoke, roles, expiry,
/// per-key limits, and the error shape of each API family.
/// </summary>
public sealed class ApiKeyTests
{
    private const string BootstrapKey = "bootstrap-admin-key-for-tests";
    private readonly List<ServiceProcess> _gateways = [];
    private HttpClient _replicaA = null!;
    private HttpClient _replicaB = null!;

    [OneTimeSetUp]
    public async Task StartGatewaysAsync()
    {
        var database = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync("gateway_keys");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["Auth__ApiKeys__0"] = BootstrapKey,
            ["Auth__KeyCacheDuration"] = "00:00:00.500",
        };
        _replicaA = await StartGatewayAsync(settings);
        _replicaB = await StartGatewayAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopGatewaysAsync()
    {
        _replicaA?.Dispose();
        _replicaB?.Dispose();
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    [Test]
    public async Task A_created_key_works_until_it_is_revoked_and_no_listing_shows_it()
    {
        var created = await CreateKeyAsync(new { name = "ci-runner", requests_per_minute = 100 });
        var key = created["key"]!.GetValue<string>();
        var id = created["id"]!.GetValue<string>();
        Assert.That(key, Does.StartWith($"pk_{id}_"));

        using (var used = await SendAsync(_replicaA, HttpMethod.Get, "/api/v1/ai/batch", key, bearer: true))
        using (var usedOnReplica = await SendAsync(_replicaB, HttpMethod.Get, "/api/v1/ai/batch", key))
        {
            Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(usedOnReplica.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var list = await SendAsync(_replicaA, HttpMethod.Get, "/api/llm/keys", BootstrapKey);
        var listBody = await list.Content.ReadAsStringAsync();
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), listBody);
        Assert.That(listBody, Does.Not.Contain(key[^64..]));
        var listed = JsonNode.Parse(listBody)!["keys"]!.AsArray().Single(entry => entry!["id"]!.GetValue<string>() == id)!;
        Assert.Multiple(() =>
        {
            Assert.That(listed["name"]!.GetValue<string>(), Is.EqualTo("ci-runner"));
            Assert.That(listed["prefix"]!.GetValue<string>(), Is.EqualTo($"pk_{id}_…"));
            Assert.That(listed["role"]!.GetValue<string>(), Is.EqualTo("user"));
            Assert.That(listed["requests_per_minute"]!.GetValue<int>(), Is.EqualTo(100));
            Assert.That(listed["revoked"]!.GetValue<bool>(), Is.False);
            Assert.That(listed["last_used_at"], Is.Not.Null);
            Assert.That(listed.AsObject().Select(property => property.Key), Has.None.Contains("key_hash").And.None.EqualTo("key"));
        });

        using var revoke = await SendAsync(_replicaA, HttpMethod.Delete, $"/api/llm/keys/{id}", BootstrapKey);
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoke.Content.ReadAsStringAsync());
        Assert.That(JsonNode.Parse(await revoke.Content.ReadAsStringAsync())!["revoked"]!.GetValue<bool>(), Is.True);

        using var sameReplica = await SendAsync(_replicaA, HttpMethod.Get, "/api/v1/ai/batch", key);
        Assert.That(sameReplica.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(JsonNode.Parse(await sameReplica.Content.ReadAsStringAsync())!["message"]!.GetValue<string>(), Is.EqualTo("The API key has been revoked"));
        // The other replica trusted its cached copy; the revocation reaches it within Auth:KeyCacheDuration.
        await EventuallyStatusAsync(_replicaB, "/api/v1/ai/batch", key, HttpStatusCode.Unauthorized);
        Assert.That(PlatformFixture.Stack.Output.Where(line => line.Contains(key[^64..], StringComparison.Ordinal) || line.Contains(BootstrapKey, StringComparison.Ordinal)),
            Is.Empty, "no service logs an API key");
    }

    [Test]
    public async Task Revoking_an_unknown_key_is_404_in_seed_003_shape()
    {
        using var response = await SendAsync(_replicaA, HttpMethod.Delete, "/api/v1/llm/keys/000000000000", BootstrapKey);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        AssertErrorShape(JsonNode.Parse(await response.Content.ReadAsStringAsync())!, ApiFamilyShape.Llm, "KEY_NOT_FOUND");
    }

    [TestCase("/api/llm/models", ApiFamilyShape.Llm)]
    [TestCase("/api/v1/llm/models", ApiFamilyShape.Llm)]
    [TestCase("/api/llm/keys", ApiFamilyShape.Llm)]
    [TestCase("/v1/models", ApiFamilyShape.OpenAi)]
    [TestCase("/api/v1/ai/batch", ApiFamilyShape.Annotation)]
    [TestCase("/no/such/path", ApiFamilyShape.Annotation)]
    public async Task Calls_without_a_valid_key_get_401_in_the_shape_of_the_api_they_call(string path, ApiFamilyShape family)
    {
        using var anonymous = await SendAsync(_replicaA, HttpMethod.Get, path, key: null);
        using var wrongKey = await SendAsync(_replicaA, HttpMethod.Get, path, "pk_0123456789ab_" + new string('0', 64), bearer: true);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrongKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var anonymousError = AssertErrorShape(JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!, family, "unauthorized");
        var wrongKeyError = AssertErrorShape(JsonNode.Parse(await wrongKey.Content.ReadAsStringAsync())!, family, "unauthorized");
        Assert.That(anonymousError, Does.Contain("X-API-Key"));
        Assert.That(wrongKeyError, Is.EqualTo("The API key is not valid"));
    }

    [Test]
    public async Task A_key_over_its_requests_per_minute_gets_429_with_retry_after_and_other_keys_are_unaffected()
    {
        var limited = (await CreateKeyAsync(new { name = "limited", requests_per_minute = 3 }))["key"]!.GetValue<string>();
        var other = (await CreateKeyAsync(new { name = "other", requests_per_minute = 3 }))["key"]!.GetValue<string>();

        for (var call = 1; call <= 3; call++)
        {
            using var allowed = await SendAsync(_replicaA, HttpMethod.Get, "/api/v1/ai/batch", limited);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"call {call}");
        }

        // Past the limit every API family answers 429 in its own shape, whether or not the path exists.
        foreach (var (path, family) in new[] { ("/api/v1/ai/batch", ApiFamilyShape.Annotation), ("/api/llm/models", ApiFamilyShape.Llm), ("/v1/models", ApiFamilyShape.OpenAi) })
        {
            using var refused = await SendAsync(_replicaA, HttpMethod.Get, path, limited);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), path);
            Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60), path);
            var json = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.That(AssertErrorShape(json, family, "rate_limited"), Does.Contain("3 requests per minute"), path);
            if (family == ApiFamilyShape.Annotation)
            {
                Assert.That(json["details"]!["quota_limit"]!.GetValue<int>(), Is.EqualTo(3));
            }
        }

        using var otherKey = await SendAsync(_replicaA, HttpMethod.Get, "/api/v1/ai/batch", other);
        Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Only_admin_keys_manage_keys()
    {
        var user = (await CreateKeyAsync(new { name = "plain user" }))["key"]!.GetValue<string>();
        var admin = (await CreateKeyAsync(new { name = "second admin", role = "admin" }))["key"]!.GetValue<string>();

        using var userCreates = await SendAsync(_replicaA, HttpMethod.Post, "/api/llm/keys", user, body: new { name = "sneaky" });
        using var userLists = await SendAsync(_replicaA, HttpMethod.Get, "/api/v1/llm/keys", user);
        using var adminCreates = await SendAsync(_replicaA, HttpMethod.Post, "/api/llm/keys", admin, body: new { name = "made by an admin key" });

        Assert.That(userCreates.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(userLists.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        AssertErrorShape(JsonNode.Parse(await userCreates.Content.ReadAsStringAsync())!, ApiFamilyShape.Llm, "forbidden");
        Assert.That(adminCreates.StatusCode, Is.EqualTo(HttpStatusCode.Created), await adminCreates.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_expired_key_is_refused()
    {
        var key = (await CreateKeyAsync(new { name = "short-lived", expires_at = DateTimeOffset.UtcNow.AddSeconds(5) }))["key"]!.GetValue<string>();
        using (var beforeExpiry = await SendAsync(_replicaA, HttpMethod.Get, "/api/v1/ai/batch", key))
        {
            Assert.That(beforeExpiry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var refused = await EventuallyStatusAsync(_replicaA, "/api/v1/ai/batch", key, HttpStatusCode.Unauthorized);
        Assert.That(refused["message"]!.GetValue<string>(), Is.EqualTo("The API key has expired"));
    }

    [TestCase("{}", "name is required")]
    [TestCase("""{"name": "   "}""", "name must not be blank")]
    [TestCase("""{"name": "x", "requests_per_minute": 0}""", "requests_per_minute")]
    [TestCase("""{"name": "x", "expires_at": "2020-01-01T00:00:00Z"}""", "expires_at must be in the future")]
    [TestCase("""{"name": "x", "role": "root"}""", "$.role")]
    [TestCase("not json", "JSON")]
    public async Task Invalid_create_requests_get_400_in_seed_003_shape(string body, string expectedMessage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/keys") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", BootstrapKey);
        using var response = await _replicaA.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var message = AssertErrorShape(JsonNode.Parse(await response.Content.ReadAsStringAsync())!, ApiFamilyShape.Llm, "INVALID_REQUEST");
        Assert.That(message, Does.Contain(expectedMessage));
    }

    [Test]
    public async Task In_local_mode_the_first_stored_key_closes_the_gateway()
    {
        var database = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync("gateway_keys_local");
        using var local = await StartGatewayAsync(new Dictionary<string, string> { ["ConnectionStrings__postgres"] = database });

        // Open: no key needed, and a placeholder key as in the seeds' examples is not held against the caller.
        using (var open = await SendAsync(local, HttpMethod.Get, "/api/v1/ai/batch", "your-api-key"))
        {
            Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var create = await SendAsync(local, HttpMethod.Post, "/api/llm/keys", key: null, body: new { name = "operator", role = "admin" });
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var key = JsonNode.Parse(await create.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();

        using var anonymous = await SendAsync(local, HttpMethod.Get, "/api/v1/ai/batch", key: null);
        using var withKey = await SendAsync(local, HttpMethod.Get, "/api/v1/ai/batch", key);
        using var health = await SendAsync(local, HttpMethod.Get, "/health/ready", key: null);
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    public enum ApiFamilyShape
    {
        Annotation,
        Llm,
        OpenAi,
    }

    /// <summary>Checks the family's error shape and code for a failure kind (or a seed 003 code), and returns the message.</summary>
    private static string AssertErrorShape(JsonNode json, ApiFamilyShape family, string failure)
    {
        switch (family)
        {
            case ApiFamilyShape.Llm:
                var error = json["error"]!;
                var code = failure switch { "unauthorized" => "UNAUTHORIZED", "forbidden" => "FORBIDDEN", "rate_limited" => "RATE_LIMIT_EXCEEDED", _ => failure };
                Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo(code), json.ToJsonString());
                Assert.That(error["request_id"]!.GetValue<string>(), Does.StartWith("req_"));
                Assert.That(error.AsObject().ContainsKey("details"), Is.True);
                return error["message"]!.GetValue<string>();
            case ApiFamilyShape.OpenAi:
                var openAi = json["error"]!;
                var (type, openAiCode) = failure == "rate_limited" ? ("requests", "rate_limit_exceeded") : ("invalid_request_error", "invalid_api_key");
                Assert.That(openAi["type"]!.GetValue<string>(), Is.EqualTo(type), json.ToJsonString());
                Assert.That(openAi["code"]!.GetValue<string>(), Is.EqualTo(openAiCode));
                Assert.That(openAi.AsObject().ContainsKey("param") && openAi["param"] is null, Is.True);
                return openAi["message"]!.GetValue<string>();
            default:
                var title = failure switch { "unauthorized" => "Unauthorized", "forbidden" => "Forbidden", _ => "Quota Exceeded" };
                Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo(title), json.ToJsonString());
                Assert.That(json["details"], Is.Not.Null);
                return json["message"]!.GetValue<string>();
        }
    }

    private async Task<HttpClient> StartGatewayAsync(Dictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), settings);
        _gateways.Add(gateway);
        await gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        return new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };
    }

    private async Task<JsonNode> CreateKeyAsync(object body)
    {
        using var response = await SendAsync(_replicaA, HttpMethod.Post, "/api/llm/keys", BootstrapKey, body: body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonNode.Parse(text)!;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? key, bool bearer = false, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(bearer ? "Authorization" : "X-API-Key", bearer ? $"Bearer {key}" : key);
        }

        return client.SendAsync(request);
    }

    /// <summary>Polls until the key's call gets <paramref name="status"/>; returns that answer's JSON.</summary>
    private static async Task<JsonNode> EventuallyStatusAsync(HttpClient client, string path, string key, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await SendAsync(client, HttpMethod.Get, path, key);
            if (response.StatusCode == status)
            {
                return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{path} still answered {response.StatusCode} instead of {status}");
            }

            await Task.Delay(100);
        }
    }
}
