using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>The calls a client of seed 000 makes, with the JSON it sees.</summary>
public static class GatewayApi
{
    public static async Task ImportTasksAsync(this HttpClient gateway, IEnumerable<object> tasks)
    {
        using var response = await gateway.PostAsJsonAsync("/api/v1/tasks", tasks);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Imports <paramref name="count"/> tasks named `{prefix}_000001`… and returns their ids.</summary>
    public static async Task<List<string>> ImportNumberedTasksAsync(this HttpClient gateway, string prefix, int count,
        Func<int, string>? content = null)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"{prefix}_{i:D6}").ToList();
        await gateway.ImportTasksAsync(ids.Select((id, i) => new { id, content = content?.Invoke(i + 1) ?? $"review {id}: 很好用" }));
        return ids;
    }

    public static object OpenAiConfig(FakeOpenAiUpstream upstream, string model, string apiKey = "sk-test-key") => new
    {
        model_type = "openai",
        model_name = model,
        api_key = apiKey,
        base_url = upstream.BaseUrl.ToString(),
        temperature = 0.2,
        prompt_template = "情感分析，只输出 JSON：{content}",
    };

    public static async Task<string> SubmitAsync(this HttpClient gateway, object request)
    {
        using var response = await gateway.PostAsJsonAsync("/api/v1/ai/predict/batch", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var json = JsonNode.Parse(body)!;
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("submitted"));
        return json["job_id"]!.GetValue<string>();
    }

    public static async Task<JsonNode> GetJobAsync(this HttpClient gateway, string jobId, string query = "")
    {
        using var response = await gateway.GetAsync($"/api/v1/ai/batch/{jobId}{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls like the seed's client until the job is completed, failed or cancelled.</summary>
    public static async Task<JsonNode> WaitForEndAsync(this HttpClient gateway, string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await gateway.GetJobAsync(jobId);
            if (job["status"]!.GetValue<string>() is "completed" or "failed" or "cancelled")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Job {jobId} did not end within {timeout}: {job.ToJsonString()[..Math.Min(600, job.ToJsonString().Length)]}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or fails with <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}");
            }

            await Task.Delay(50);
        }
    }
}
