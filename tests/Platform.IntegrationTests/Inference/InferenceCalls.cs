using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Inference;

/// <summary>The calls a client of seed 001 makes.</summary>
public static class InferenceCalls
{
    public static async Task<InferenceAnswer> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null,
        string? rawBody = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        else if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Is.Not.Empty, $"{method} {path} answered {(int)response.StatusCode} without a body");
        return new InferenceAnswer((int)response.StatusCode, JsonNode.Parse(text)!, response);
    }

    public static Task<InferenceAnswer> InferAsync(this HttpClient client, object request, string path = "/inference/infer") =>
        client.SendAsync(HttpMethod.Post, path, request);

    public static Task<InferenceAnswer> ReadAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);

    /// <summary>A request to the fake OpenAI upstream under a model name of the test's own (so that circuits and quotas are its own).</summary>
    public static object OpenAi(FakeOpenAiUpstream upstream, string task, string model, object data, object? options = null) => new
    {
        task,
        engine = "openai",
        model_name = model,
        data,
        options = Merge(new JsonObject { ["api_key"] = "sk-inference-secret", ["base_url"] = upstream.BaseUrl.ToString() }, options),
    };

    public static object Local(string task, object data, object? options = null) =>
        new { task, engine = "local", model_name = Infrastructure.RunningPlatform.LocalModelName, data, options = options ?? new { max_tokens = 8 } };

    private static JsonObject Merge(JsonObject into, object? extra)
    {
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializerNode(extra))
            {
                into[key] = value?.DeepClone();
            }
        }

        return into;
    }

    private static JsonObject JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!.AsObject();
}
