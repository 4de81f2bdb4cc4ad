using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Platform.AppHost.Local;

namespace Platform.AppHost.Demo;

/// <summary>
/// Imports the sample reviews through the Gateway, runs them as one batch job through the configured
/// model, shows the job's progress and prints its results.
/// </summary>
internal sealed class DemoJob
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);
    private static readonly string[] FinalStatuses = ["completed", "failed", "cancelled"];

    private readonly HttpClient _gateway;
    private readonly Action<string> _say;

    private DemoJob(HttpClient gateway, Action<string> say)
    {
        _gateway = gateway;
        _say = say;
    }

    public static async Task<DemoOutcome> RunAsync(Uri gatewayUrl, IConfiguration configuration, Action<string> say, CancellationToken ct)
    {
        if (DemoModel.Configured(configuration) is not { } model)
        {
            foreach (var line in DemoModel.Instructions)
            {
                say(line);
            }
            model = DemoModel.Local();
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = gatewayUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            return await new DemoJob(http, say).RunAsync(model, ct);
        }
        catch (HttpRequestException e)
        {
            say($"the gateway failed to answer: {e.Message}");
            return DemoOutcome.NotCompleted;
        }
    }

    private async Task<DemoOutcome> RunAsync(JsonObject model, CancellationToken ct)
    {
        var samplesPath = Path.Combine(RepoPaths.Root, "samples", "reviews.json");
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(samplesPath, ct))!.AsArray();

        _say($"importing {samples.Count} reviews from {samplesPath}");
        if (await PostAsync("/api/v1/tasks", samples, ct) is not { } imported)
        {
            return DemoOutcome.NotCompleted;
        }
        var taskIds = imported["task_ids"]!.AsArray().Select(id => id!.ToString()).ToList();
        _say($"imported {imported["imported"]} tasks");

        _say($"submitting a batch job with model {DemoModel.Describe(model)}");
        var request = new JsonObject
        {
            ["task_ids"] = new JsonArray([.. taskIds.Select(id => JsonValue.Create(id))]),
            ["ai_model_configs"] = new JsonArray(model.DeepClone()),
            ["batch_config"] = new JsonObject { ["max_concurrent_tasks"] = 5, ["retry_attempts"] = 2, ["timeout_seconds"] = 30 },
        };
        if (await PostAsync("/api/v1/ai/predict/batch", request, ct) is not { } submitted)
        {
            return DemoOutcome.NotCompleted;
        }
        var jobId = submitted["job_id"]!.ToString();
        _say($"job {jobId} {submitted["status"]}: {submitted["message"]}");

        var job = await WatchAsync(jobId, ct);
        if (job is null)
        {
            return DemoOutcome.NotCompleted;
        }
        ResultTable.Print(job, ContentByTaskId(samples, taskIds), _say);
        return job["status"]?.ToString() == "completed" ? DemoOutcome.Completed : DemoOutcome.NotCompleted;
    }

    /// <summary>Polls the job every second, printing its progress when it changes, until it ends.</summary>
    private async Task<JsonNode?> WatchAsync(string jobId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        var lastProgress = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _gateway.GetAsync($"/api/v1/ai/batch/{Uri.EscapeDataString(jobId)}", ct);
            if (await ReadAsync(response, ct) is not { } job)
            {
                return null;
            }
            var progress = ProgressLine(job);
            if (progress != lastProgress)
            {
                _say(progress);
                lastProgress = progress;
            }
            if (FinalStatuses.Contains(job["status"]?.ToString()))
            {
                return job;
            }
            await Task.Delay(PollInterval, ct);
        }
        _say($"job {jobId} did not finish within {GiveUpAfter.TotalMinutes:0} minutes; giving up watching it");
        return null;
    }

    private static string ProgressLine(JsonNode job)
    {
        const int barWidth = 30;
        var percent = Math.Clamp(job["progress"]?.GetValue<double>() ?? 0, 0, 100);
        var filled = (int)Math.Round(percent / 100 * barWidth);
        return $"[{new string('#', filled)}{new string('.', barWidth - filled)}] {percent,5:0.0}%  "
               + $"{job["successful_tasks"]} ok, {job["failed_tasks"]} failed of {job["total_tasks"]}  ({job["status"]})";
    }

    private static Dictionary<string, string> ContentByTaskId(JsonArray samples, List<string> taskIds)
    {
        // The import answers the task ids in the order of the array it was given.
        var contents = new Dictionary<string, string>();
        foreach (var (sample, taskId) in samples.Zip(taskIds))
        {
            contents[taskId] = sample!["content"]!.ToString();
        }
        return contents;
    }

    private async Task<JsonNode?> PostAsync(string path, JsonNode body, CancellationToken ct)
    {
        using var response = await _gateway.PostAsJsonAsync(path, body, ct);
        return await ReadAsync(response, ct);
    }

    /// <summary>The JSON body of a successful answer; otherwise prints the error and returns null.</summary>
    private async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return JsonNode.Parse(body);
        }
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        _say($"{request} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        _say(DescribeError(body));
        return null;
    }

    private static string DescribeError(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } error && error["error"] is not null)
            {
                return $"{error["error"]}: {error["message"]}" + (error["details"] is { } details ? $"\ndetails: {details.ToJsonString()}" : "");
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: shown as it is below.
        }
        return body;
    }
}
