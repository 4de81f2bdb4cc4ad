using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

/// <summary>Batch items share the prediction cache with interactive calls and are accounted like them.</summary>
public sealed class BatchAccountingTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task A_rerun_of_a_batch_is_answered_from_the_cache_and_every_call_shows_in_usage()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Text(FakeAnswers.Annotation);
        var model = $"accounted-{Guid.NewGuid():N}";
        var taskIds = await Gateway.ImportNumberedTasksAsync("accounting", 3);
        var request = new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, model) } };

        var first = await Gateway.WaitForEndAsync(await Gateway.SubmitAsync(request), TimeSpan.FromMinutes(2));
        var rerun = await Gateway.WaitForEndAsync(await Gateway.SubmitAsync(request), TimeSpan.FromMinutes(2));

        Assert.That(first["successful_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(rerun["successful_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(upstream.Calls, Has.Count.EqualTo(3), "the re-run's items were answered from the cache");
        Assert.That(rerun["results"]![0]!["prediction"]!["sentiment"]!.GetValue<string>(), Is.EqualTo("positive"));

        JsonNode? usage = null;
        await GatewayApi.EventuallyAsync(() =>
        {
            usage = Gateway.GetFromJsonAsync<JsonNode>($"/api/llm/stats/usage?model={model}").GetAwaiter().GetResult();
            return usage!["total_requests"]!.GetValue<long>() == 3;
        }, TimeSpan.FromSeconds(30), "the three model calls are in the usage statistics");
        Assert.That(usage!["by_model"]![model]!["tokens"]!.GetValue<long>(), Is.Positive);
    }
}
