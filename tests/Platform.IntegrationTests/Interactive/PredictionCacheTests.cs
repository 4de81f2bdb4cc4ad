using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using Platform.Testing.Upstreams;

namespace Platform.IntegrationTests.Interactive;

/// <summary>Seed 000's cache endpoints over the PostgreSQL cache that every Gateway replica shares.</summary>
public sealed class PredictionCacheTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    private static object Request(string model, string content, Uri? baseUrl = null) => new
    {
        task_id = "cache-task",
        ai_model_config = new { model_type = "openai", model_name = model, api_key = "k", base_url = (baseUrl ?? Stack.Upstream.BaseUrl).ToString() },
        content,
    };

    [Test]
    public async Task Stats_count_hits_and_misses_across_replicas_and_delete_clears_everything()
    {
        using var cleared = await Stack.Client.DeleteAsync("/api/v1/ai/cache");
        Assert.That((int)cleared.StatusCode, Is.EqualTo(200));
        var model = $"up-stats-{Guid.NewGuid():N}";

        await Stack.PostAsync("/api/v1/ai/predict", Request(model, "one"));   // miss, stored
        await Stack.PostAsync("/api/v1/ai/predict", Request(model, "two"));   // miss, stored
        using var otherReplica = await PlatformFixture.Stack.Gateway.PostAsync("/api/v1/ai/predict", JsonContent.Create(Request(model, "one")));
        var hit = JsonNode.Parse(await otherReplica.Content.ReadAsStringAsync())!;
        var stats = await Stack.GetJsonAsync("/api/v1/ai/cache/stats");

        Assert.That(hit["cached"]!.GetValue<bool>(), Is.True, "another replica's answer is served from the shared cache");
        Assert.That(stats["total_entries"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(stats["cache_hits"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(stats["cache_misses"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(stats["hit_rate"]!.GetValue<double>(), Is.EqualTo(0.333));
        Assert.That(stats["memory_usage"]!.GetValue<string>(), Does.Match(@"^\d+(\.\d)?(B|KB|MB|GB|TB)$"));
        Assert.That(stats["oldest_entry"]!.GetValue<DateTimeOffset>(), Is.LessThanOrEqualTo(stats["newest_entry"]!.GetValue<DateTimeOffset>()));

        using var delete = await Stack.Client.DeleteAsync("/api/v1/ai/cache");
        var deleted = JsonNode.Parse(await delete.Content.ReadAsStringAsync())!;
        var after = await Stack.GetJsonAsync("/api/v1/ai/cache/stats");
        var (_, again, _) = await Stack.PostAsync("/api/v1/ai/predict", Request(model, "one"));

        Assert.That(deleted["message"]!.GetValue<string>(), Does.Contain("2"));
        Assert.That(deleted["cleared_entries"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(after["total_entries"]!.GetValue<long>(), Is.EqualTo(0));
        Assert.That(after["cache_hits"]!.GetValue<long>(), Is.EqualTo(0));
        Assert.That(after["oldest_entry"], Is.Null);
        Assert.That(again["cached"]!.GetValue<bool>(), Is.False);
        Assert.That(Stack.Upstream.CallsFor(model), Is.EqualTo(3));
    }

    [Test]
    public async Task Concurrent_predictions_each_get_their_own_cached_answer_and_count_once()
    {
        await using var echo = await FakeOpenAiUpstream.StartAsync();
        echo.Respond = call => UpstreamReply.Text($"answer to [{call.Prompt}]");
        var model = $"up-echo-{Guid.NewGuid():N}";
        var seen = Enumerable.Range(0, 20).Select(index => $"seen-{index:D2}").ToList();
        foreach (var content in seen)
        {
            await Stack.PostAsync("/api/v1/ai/predict", Request(model, content, echo.BaseUrl));
        }

        var before = await Stack.GetJsonAsync("/api/v1/ai/cache/stats");
        // Asked all at once, the lookups and stores share statements: each caller must still get the answer to its own content.
        var asked = seen.Concat(Enumerable.Range(0, 20).Select(index => $"fresh-{index:D2}")).ToList();
        var answers = await Task.WhenAll(asked.Select(content => Stack.PostAsync("/api/v1/ai/predict", Request(model, content, echo.BaseUrl))));
        var after = await Stack.GetJsonAsync("/api/v1/ai/cache/stats");
        var again = await Task.WhenAll(asked.Select(content => Stack.PostAsync("/api/v1/ai/predict", Request(model, content, echo.BaseUrl))));

        for (var index = 0; index < asked.Count; index++)
        {
            Assert.That(answers[index].Status, Is.EqualTo(200), answers[index].Body.ToJsonString());
            Assert.That(answers[index].Body.ToJsonString(), Does.Contain($"[{asked[index]}]"), "each caller gets the answer to its own content");
            Assert.That(answers[index].Body["cached"]!.GetValue<bool>(), Is.EqualTo(index < seen.Count), asked[index]);
            Assert.That(again[index].Body["cached"]!.GetValue<bool>(), Is.True, $"{asked[index]} was stored by the concurrent call");
            Assert.That(again[index].Body.ToJsonString(), Does.Contain($"[{asked[index]}]"));
        }

        Assert.That(after["cache_hits"]!.GetValue<long>() - before["cache_hits"]!.GetValue<long>(), Is.EqualTo(20));
        Assert.That(after["cache_misses"]!.GetValue<long>() - before["cache_misses"]!.GetValue<long>(), Is.EqualTo(20));
        Assert.That(echo.CallsFor(model), Is.EqualTo(40), "the model is asked once for each content");
    }

    [Test]
    public async Task Entries_expire_after_their_ttl_and_are_purged()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["PredictionCache__Ttl"] = "00:00:01",
        });
        await gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };
        var model = $"up-ttl-{Guid.NewGuid():N}";

        using var first = await client.PostAsync("/api/v1/ai/predict", JsonContent.Create(Request(model, "short-lived")));
        Assert.That((int)first.StatusCode, Is.EqualTo(200), await first.Content.ReadAsStringAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var second = await client.PostAsync("/api/v1/ai/predict", JsonContent.Create(Request(model, "short-lived")));
        var secondBody = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;

        Assert.That(secondBody["cached"]!.GetValue<bool>(), Is.False, "an expired entry is not served");
        Assert.That(Stack.Upstream.CallsFor(model), Is.EqualTo(2));
        await GatewayApi.EventuallyAsync(() => CountEntries(model) == 0, TimeSpan.FromSeconds(20), "Jobs' recurring purge deletes expired entries");
    }

    /// <summary>Entries are keyed by hash; the model's name is found in the cached value (the version the upstream reported).</summary>
    private static long CountEntries(string model)
    {
        using var connection = new Npgsql.NpgsqlConnection(PlatformFixture.Stack.DatabaseConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM llm.prediction_cache WHERE value LIKE '%' || @model || '%'", connection);
        command.Parameters.AddWithValue("model", model);
        return (long)command.ExecuteScalar()!;
    }
}
