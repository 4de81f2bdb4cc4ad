using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Transformer;

/// <summary>Seed 002's calls as its Python client makes them, with the status and JSON it sees.</summary>
internal static class TransformerCalls
{
    /// <summary>Small enough to load in milliseconds; mixture of experts so that captured data holds numbers.</summary>
    public const string SmallMoeConfig =
        """{"vocab_size": 512, "context_size": 1024, "n_layer": 2, "n_head": 4, "n_embed": 64, "use_moe": true, "moe_num_experts": 4}""";

    /// <summary>A client of one TransformerWorker replica, bypassing the Gateway.</summary>
    public static HttpClient Replica(Uri url) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<(HttpStatusCode Status, JsonNode Body)> InitializeAsync(this HttpClient client, string? config)
    {
        var query = config is null ? "" : "?config=" + Uri.EscapeDataString(config);
        using var response = await client.GetAsync("/api/v1/initialize" + query);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonNode> InitializeOkAsync(this HttpClient client, string config)
    {
        var (status, body) = await client.InitializeAsync(config);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body;
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> ForwardAsync(this HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/forward", request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var body = await ReadAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(expected), body.ToJsonString());
        return body;
    }

    /// <summary>Asserts seed 002's error shape: exactly detail, error_code and an ISO 8601 timestamp.</summary>
    public static void AssertError((HttpStatusCode Status, JsonNode Body) answer, HttpStatusCode status, string errorCode)
    {
        Assert.That(answer.Status, Is.EqualTo(status), answer.Body.ToJsonString());
        var fields = answer.Body.AsObject().Select(field => field.Key);
        Assert.That(fields, Is.EqualTo(new[] { "detail", "error_code", "timestamp" }));
        Assert.That(answer.Body["error_code"]!.GetValue<string>(), Is.EqualTo(errorCode));
        Assert.That(DateTime.TryParse(answer.Body["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _), Is.True);
    }

    public static string Detail(this (HttpStatusCode Status, JsonNode Body) answer) => answer.Body["detail"]!.GetValue<string>();

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new AssertionException("empty body");
}
