using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Models;

/// <summary>The registry calls an operator makes, with the status and JSON they see.</summary>
public static class RegistryApi
{
    public static async Task<(HttpStatusCode Status, JsonNode Body, string Text)> SendAsync(this HttpClient client, HttpMethod method,
        string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch
            {
                null => null,
                StringContentBody raw => new StringContent(raw.Json, System.Text.Encoding.UTF8, "application/json"),
                _ => JsonContent.Create(body),
            },
        };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, text);
    }

    /// <summary>Creates an OpenAI-compatible model served by <paramref name="upstream"/> through seed 003's PUT.</summary>
    public static async Task<JsonNode> CreateModelAsync(this HttpClient client, string id, FakeOpenAiUpstream upstream, string apiKey,
        object? extra = null)
    {
        var body = new JsonObject
        {
            ["provider"] = "openai",
            ["model_name"] = "gpt-4o-mini",
            ["base_url"] = upstream.BaseUrl.ToString(),
            ["api_key"] = apiKey,
        };
        foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var (status, json, text) = await client.SendAsync(HttpMethod.Put, $"/api/llm/config/models/{id}", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Not.Contain(apiKey));
        return json;
    }

    public static JsonNode? ModelIn(JsonNode list, string id) =>
        list["models"]!.AsArray().SingleOrDefault(model => model!["id"]!.GetValue<string>() == id);

    /// <summary>Asserts seed 003's error body: `{"error": {code, message, details, request_id}}`.</summary>
    public static JsonNode AssertLlmError(HttpStatusCode status, JsonNode body, HttpStatusCode expected, string code)
    {
        Assert.That(status, Is.EqualTo(expected), body.ToJsonString());
        var error = body["error"]!;
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(error["message"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(error["request_id"]!.GetValue<string>(), Does.StartWith("req_"));
        return error;
    }

    /// <summary>Asserts seed 000's error body: `{error, message, details}`.</summary>
    public static JsonNode AssertAiError(HttpStatusCode status, JsonNode body, HttpStatusCode expected, string error)
    {
        Assert.That(status, Is.EqualTo(expected), body.ToJsonString());
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo(error));
        Assert.That(body["message"]!.GetValue<string>(), Is.Not.Empty);
        return body;
    }
}
