using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

public sealed class CancellationTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task A_cancelled_job_starts_no_new_items_and_keeps_the_results_of_running_ones()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromMilliseconds(300);
        var taskIds = await Gateway.ImportNumberedTasksAsync("cancel", 60);
        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = taskIds,
            ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "cancel-model") },
            batch_config = new { max_concurrent_tasks = 3 },
        });
        await GatewayApi.EventuallyAsync(() => upstream.Calls.Count >= 6, TimeSpan.FromSeconds(30), "six items have started");

        using var cancel = await Gateway.DeleteAsync($"/api/v1/ai/batch/{jobId}");
        var startedAtCancel = upstream.Calls.Count;

        var answer = JsonNode.Parse(await cancel.Content.ReadAsStringAsync())!;
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await GatewayApi.EventuallyAsync(() => upstream.InFlight == 0, TimeSpan.FromSeconds(10), "running items have finished");
        Assert.That(upstream.Calls.Count, Is.LessThanOrEqualTo(startedAtCancel + 3), "at most the items already sent may still start");

        var job = await Gateway.GetJobAsync(jobId);
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        var succeeded = job["successful_tasks"]!.GetValue<int>();
        Assert.That(succeeded, Is.GreaterThanOrEqualTo(startedAtCancel - 3).And.LessThan(60));
        Assert.That(job["results"]!.AsArray(), Has.Count.EqualTo(succeeded), "results of items running at cancel time are kept");
        Assert.That(job["cancelled_tasks"]!.GetValue<int>(), Is.EqualTo(60 - succeeded));
        Assert.That(job["completed_at"], Is.Not.Null);

        using var again = await Gateway.DeleteAsync($"/api/v1/ai/batch/{jobId}");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "cancelling twice is harmless");
    }

    [Test]
    public async Task A_finished_job_cannot_be_cancelled()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Gateway.ImportNumberedTasksAsync("finished", 2);
        var jobId = await Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "m") } });
        await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        using var cancel = await Gateway.DeleteAsync($"/api/v1/ai/batch/{jobId}");

        var json = JsonNode.Parse(await cancel.Content.ReadAsStringAsync())!;
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("Conflict"));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo($"Batch job {jobId} is already completed and cannot be cancelled"));
    }
}
