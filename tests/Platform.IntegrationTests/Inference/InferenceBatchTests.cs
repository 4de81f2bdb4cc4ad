namespace Platform.IntegrationTests.Inference;

/// <summary>`POST /inference/batch`: the seed's answer shape, its limits, and failures that stay with their request.</summary>
public sealed class InferenceBatchTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;
    private static FakeOpenAiUpstream Upstream => InferenceFixture.Upstream;

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_hundred_requests_with_some_failing_answer_each_in_order_and_the_batch_succeeds(bool parallel)
    {
        // Every tenth request fails upstream, every tenth (shifted by five) has no input: 20 failures, 80 answers.
        var requests = Enumerable.Range(0, 100).Select(index =>
            index % 10 == 0 ? InferenceCalls.OpenAi(Upstream, "text-generation", $"fail-batch-{parallel}", new { inputs = $"request {index}" })
            : index % 10 == 5 ? InferenceCalls.OpenAi(Upstream, "text-generation", "batch-model", new { })
            : InferenceCalls.OpenAi(Upstream, "text-generation", "batch-model", new { inputs = $"request {index}" })).ToArray();

        var answer = await Gateway.SendAsync(HttpMethod.Post, "/inference/batch", new { requests, parallel });

        var body = answer.AssertOk();
        Assert.That(body["summary"]!["total_requests"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(body["summary"]!["successful"]!.GetValue<int>(), Is.EqualTo(80));
        Assert.That(body["summary"]!["failed"]!.GetValue<int>(), Is.EqualTo(20));
        Assert.That(body["summary"]!["success_rate"]!.GetValue<double>(), Is.EqualTo(0.8).Within(1e-9));
        var results = body["results"]!.AsArray();
        Assert.That(results.Select(result => result!["index"]!.GetValue<int>()), Is.EqualTo(Enumerable.Range(0, 100)));
        Assert.That(results[1]!["result"]!["result"]!["generated_text"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(results[0]!["success"]!.GetValue<bool>(), Is.False);
        Assert.That(results[0]!["error"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(results[0]!["task"]!.GetValue<string>(), Is.EqualTo("text-generation"));
        Assert.That(results[0]!["model_name"]!.GetValue<string>(), Is.EqualTo($"fail-batch-{parallel}"));
        Assert.That(results[5]!["error_code"]!.GetValue<string>(), Is.EqualTo("INVALID_INPUT"));
        Assert.That(body["total_processing_time"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(body["average_time_per_request"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(body["timestamp"]!.GetValue<double>(), Is.GreaterThan(1.7e9));
    }

    [TestCase(0)]
    [TestCase(101)]
    public async Task A_batch_takes_one_to_a_hundred_requests(int count)
    {
        var requests = Enumerable.Repeat(InferenceCalls.Local("text-generation", new { inputs = "x" }), count).ToArray();

        var answer = await Gateway.SendAsync(HttpMethod.Post, "/inference/batch", new { requests });

        Assert.That(answer.AssertError(400, "INVALID_INPUT")["details"]!["field"]!.GetValue<string>(), Is.EqualTo("requests"));
    }
}
