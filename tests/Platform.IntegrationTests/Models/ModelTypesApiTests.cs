using System.Net;

namespace Platform.IntegrationTests.Models;

/// <summary>Seed 000's model types, health probes and model versions through the real Gateway.</summary>
public sealed class ModelTypesApiTests
{
    private const string Secret = "zhipu-version-secret-4321";
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task Lists_model_types_in_the_seed_shape()
    {
        var (status, body, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var zhipu = body["models"]!.AsArray().Single(model => model!["model_type"]!.GetValue<string>() == "zhipu_glm")!;
        Assert.That(zhipu.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "model_type", "description", "supported", "examples" }));
        Assert.That(zhipu["description"]!.GetValue<string>(), Is.EqualTo("智谱 GLM 系列模型"));
        Assert.That(zhipu["supported"]!.GetValue<bool>(), Is.True);
        Assert.That(zhipu["examples"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { "glm-4", "glm-3-turbo", "chatglm3-6b" }));
        var ollama = body["models"]!.AsArray().Single(model => model!["model_type"]!.GetValue<string>() == "ollama")!;
        Assert.That(ollama["description"]!.GetValue<string>(), Is.EqualTo("Ollama 本地模型"));
    }

    [Test]
    public async Task Health_probes_the_configured_model_of_a_type_with_a_real_call()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var (registered, _, registerText) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", new
        {
            model_type = "custom",
            model_name = "probe-target",
            version = "1.0.0",
            config = new { base_url = upstream.BaseUrl.ToString() },
        });
        Assert.That(registered, Is.EqualTo(HttpStatusCode.OK), registerText);

        var (status, healthy, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models/custom/health");
        upstream.Respond = _ => UpstreamReply.Error(503, "overloaded");
        var (_, unhealthy, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models/custom/health");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(healthy["model_type"]!.GetValue<string>(), Is.EqualTo("custom"));
        Assert.That(healthy["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(healthy["available"]!.GetValue<bool>(), Is.True);
        Assert.That(healthy["message"]!.GetValue<string>(), Does.StartWith("Model is accessible"));
        Assert.That(healthy["response_time"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(upstream.Calls.Select(call => call.Model), Has.Some.EqualTo("probe-target"), "the probe really called the model");
        Assert.That(unhealthy["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(unhealthy["available"]!.GetValue<bool>(), Is.False);
        Assert.That(unhealthy["message"]!.GetValue<string>(), Does.Contain("HTTP 503"));
    }

    [Test]
    public async Task Health_of_a_type_without_a_model_or_of_an_unknown_type()
    {
        var (status, none, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models/hunyuan/health");
        var (unknownStatus, unknown, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models/gpt-5000/health");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(none["status"]!.GetValue<string>(), Is.EqualTo("not_configured"));
        Assert.That(none["available"]!.GetValue<bool>(), Is.False);
        Assert.That(none["message"]!.GetValue<string>(), Does.Contain("register one"));
        RegistryApi.AssertAiError(unknownStatus, unknown, HttpStatusCode.NotFound, "Not Found");
        Assert.That(unknown["details"]!["known_types"]!.AsArray().Select(t => t!.GetValue<string>()), Does.Contain("zhipu_glm"));
    }

    [Test]
    public async Task Registers_the_seed_example_lists_it_and_never_shows_the_key()
    {
        var request = new
        {
            model_type = "zhipu_glm",
            model_name = "glm-4-plus-registered",
            version = "1.0.0",
            config = new
            {
                model_type = "zhipu_glm",
                model_name = "glm-4-plus-registered",
                api_key = Secret,
                base_url = "https://open.bigmodel.cn/api/paas/v4/",
                max_tokens = 4096,
                temperature = 0.7,
            },
            description = "GLM-4 增强版本，支持更长上下文",
        };

        var (status, registered, registeredText) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", request);
        var (againStatus, again, againText) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", request);
        var (_, listed, listedText) = await Gateway.SendAsync(HttpMethod.Get,
            "/api/v1/ai/models/versions?model_type=zhipu_glm&model_name=glm-4-plus-registered");
        var (_, served, servedText) = await Gateway.SendAsync(HttpMethod.Get, "/api/llm/models");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), registeredText);
        Assert.That(registered["status"]!.GetValue<string>(), Is.EqualTo("registered"));
        var version = registered["model_version"]!;
        Assert.That(version["version"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
        Assert.That(version["description"]!.GetValue<string>(), Is.EqualTo("GLM-4 增强版本，支持更长上下文"));
        Assert.That(version["config"]!["api_key"]!.GetValue<string>(), Is.EqualTo("***4321"));
        Assert.That(version["config"]!["max_tokens"]!.GetValue<int>(), Is.EqualTo(4096));
        RegistryApi.AssertAiError(againStatus, again, HttpStatusCode.Conflict, "Conflict");
        Assert.That(listed["total"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(listed["versions"]![0]!["active"]!.GetValue<bool>(), Is.True);
        Assert.That(listed["versions"]![0]!["config"]!["base_url"]!.GetValue<string>(), Is.EqualTo("https://open.bigmodel.cn/api/paas/v4/"));
        var model = RegistryApi.ModelIn(served, "glm-4-plus-registered")!;
        Assert.That(model["provider"]!.GetValue<string>(), Is.EqualTo("zhipu_glm"), "a registered version is served by its name");
        Assert.That(registeredText + againText + listedText + servedText, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task A_prediction_names_the_registered_version_of_the_upstream_model_that_answered()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var upstreamModel = $"up-{Guid.NewGuid():N}";
        var (registered, _, registerText) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", new
        {
            model_type = "custom",
            model_name = $"team-{Guid.NewGuid():N}",
            version = "2.1.0",
            config = new { model_name = upstreamModel, base_url = upstream.BaseUrl.ToString() },
        });
        Assert.That(registered, Is.EqualTo(HttpStatusCode.OK), registerText);

        var (status, prediction, text) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/predict", new
        {
            task_id = "version-check",
            content = "hello",
            ai_model_config = new { model_type = "custom", model_name = upstreamModel, base_url = upstream.BaseUrl.ToString() },
        });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(prediction["model_info"]!["model_name"]!.GetValue<string>(), Is.EqualTo(upstreamModel));
        Assert.That(prediction["model_info"]!["version"]!.GetValue<string>(), Is.EqualTo("2.1.0"),
            "the version registered for that upstream model under its public name");
    }

    [Test]
    public async Task A_newer_version_becomes_the_active_one()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            var (status, _, text) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", new
            {
                model_type = "openai",
                model_name = "versioned-model",
                version,
                config = new { api_key = Secret, base_url = upstream.BaseUrl.ToString(), temperature = version == "1.0.0" ? 0.1 : 0.9 },
            });
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        }

        var (_, listed, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models/versions?model_name=versioned-model");
        var served = RegistryApi.ModelIn((await Gateway.SendAsync(HttpMethod.Get, "/api/llm/models")).Body, "versioned-model")!;

        var active = listed["versions"]!.AsArray().ToDictionary(v => v!["version"]!.GetValue<string>(), v => v!["active"]!.GetValue<bool>());
        Assert.That(active, Is.EqualTo(new Dictionary<string, bool> { ["1.0.0"] = false, ["1.1.0"] = true }));
        Assert.That(served["parameters"]!["default_temperature"]!.GetValue<double>(), Is.EqualTo(0.9));
    }

    [Test]
    public async Task Bad_registrations_are_400_in_the_seed_shape()
    {
        var (missingStatus, missing, _) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register",
            new { model_type = "zhipu_glm", config = new { api_key = Secret } });
        var (hostStatus, host, hostText) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", new
        {
            model_type = "custom",
            model_name = "internal",
            version = "1",
            config = new { base_url = "http://169.254.169.254/latest/", api_key = Secret },
        });
        var (jsonStatus, json, _) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", new StringContentBody("{not json"));
        var (filterStatus, filter, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/models/versions?model_type=nope");

        var errors = RegistryApi.AssertAiError(missingStatus, missing, HttpStatusCode.BadRequest, "Invalid Request")["details"]!["errors"]!
            .AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { "model_name is required", "version is required" }));
        RegistryApi.AssertAiError(hostStatus, host, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(host["message"]!.GetValue<string>(), Does.Contain("config.base_url host '169.254.169.254' is not allowed"));
        Assert.That(hostText, Does.Not.Contain(Secret));
        RegistryApi.AssertAiError(jsonStatus, json, HttpStatusCode.BadRequest, "Invalid Request");
        RegistryApi.AssertAiError(filterStatus, filter, HttpStatusCode.NotFound, "Not Found");
    }
}
