using System.Net;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Reads that a caller or an upstream could make unbounded are capped: job lists and result pages past their documented
/// maximum are a 400, and a provider answer past `Providers:MaxResponseBytes` is an error, not a buffered body.
/// </summary>
public sealed class UnboundedReadTests
{
    private const string Model = "huge-answer-model";
    private SecuredGateways _gateways = null!;
    private FakeOpenAiUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        _upstream.Respond = _ => UpstreamReply.Text(new string('x', 300_000));
        var settings = SecuredGateways.ModelSettings(Model, _upstream.BaseUrl);
        settings["Providers__MaxResponseBytes"] = "65536";
        _gateways = await SecuredGateways.StartAsync("security_reads", replicas: 1, settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _gateways.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [TestCase("/api/v1/ai/batch?limit=10000", "limit must be between 1 and 200, got 10000")]
    [TestCase("/api/v1/ai/batch/batch_anything?limit=10000", "limit must be between 1 and 1000, got 10000")]
    public async Task Pages_past_their_maximum_are_a_400_in_seed_000_shape(string path, string message)
    {
        using var response = await _gateways.SendAsync(HttpMethod.Get, path, SecuredGateways.AdminKey);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Invalid Request"));
        Assert.That(body["message"]!.GetValue<string>(), Is.EqualTo(message));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_provider_answer_past_the_cap_is_an_error_not_a_buffered_body(bool stream)
    {
        using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/llm/generate", SecuredGateways.AdminKey,
            new { model = Model, stream, messages = new[] { new { role = "user", content = "say a lot" } } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(text, Does.Not.Contain(new string('x', 70_000)), "nothing past the cap reaches the client");
        Assert.That(text, Does.Contain("MODEL_UNAVAILABLE"), text[..Math.Min(text.Length, 400)]);
    }
}
