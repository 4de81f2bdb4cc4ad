using System.Net;

namespace Platform.IntegrationTests.Models;

/// <summary>Seed 003's model listing, status and configuration through the real Gateway.</summary>
public sealed class LlmModelsApiTests
{
    private const string Secret = "sk-llm-models-secret-7777";
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task An_operator_creates_a_model_and_both_api_versions_list_it_without_its_key()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);

        var created = await Gateway.CreateModelAsync("listed-model", upstream, Secret, new
        {
            name = "Listed Model",
            type = "text",
            capabilities = new[] { "text-generation" },
            limits = new { max_tokens = 4096, context_window = 128000 },
            pricing = new { input_per_1k_tokens = 0.00015, output_per_1k_tokens = 0.0006 },
        });
        var (_, v0, v0Text) = await Gateway.SendAsync(HttpMethod.Get, "/api/llm/models");
        var (_, v1, v1Text) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/llm/models");

        Assert.That(created["model"]!["id"]!.GetValue<string>(), Is.EqualTo("listed-model"));
        var model = RegistryApi.ModelIn(v0, "listed-model")!;
        Assert.That(model["name"]!.GetValue<string>(), Is.EqualTo("Listed Model"));
        Assert.That(model["provider"]!.GetValue<string>(), Is.EqualTo("openai"));
        Assert.That(model["type"]!.GetValue<string>(), Is.EqualTo("text"));
        Assert.That(model["status"]!.GetValue<string>(), Is.EqualTo("available"));
        Assert.That(model["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "text-generation" }));
        Assert.That(model["limits"]!["max_tokens"]!.GetValue<int>(), Is.EqualTo(4096));
        Assert.That(model["limits"]!["context_window"]!.GetValue<int>(), Is.EqualTo(128000));
        Assert.That(model["pricing"]!["input_per_1k_tokens"]!.GetValue<decimal>(), Is.EqualTo(0.00015m));
        Assert.That(model["pricing"]!["output_per_1k_tokens"]!.GetValue<decimal>(), Is.EqualTo(0.0006m));
        Assert.That(model["api_key"]!.GetValue<string>(), Is.EqualTo("***7777"));
        Assert.That(RegistryApi.ModelIn(v1, "listed-model"), Is.Not.Null);
        Assert.That(v0Text + v1Text, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task The_seed_settings_change_a_model_and_show_in_the_listing()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Gateway.CreateModelAsync("tuned-model", upstream, Secret);

        var (status, saved, text) = await Gateway.SendAsync(HttpMethod.Put, "/api/v1/llm/config/models/tuned-model", new
        {
            enabled = false,
            priority = 1,
            rate_limit = new { requests_per_minute = 60, tokens_per_minute = 10000 },
            fallback_models = new[] { "gemini-pro", "gpt-3.5-turbo" },
            parameters = new { default_temperature = 0.7, max_tokens = 2000 },
        });
        var listed = RegistryApi.ModelIn((await Gateway.SendAsync(HttpMethod.Get, "/api/llm/models")).Body, "tuned-model")!;

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(saved["message"]!.GetValue<string>(), Does.Contain("updated"));
        Assert.That(listed["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(listed["status"]!.GetValue<string>(), Is.EqualTo("disabled"));
        Assert.That(listed["priority"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(listed["rate_limit"]!["requests_per_minute"]!.GetValue<int>(), Is.EqualTo(60));
        Assert.That(listed["rate_limit"]!["tokens_per_minute"]!.GetValue<int>(), Is.EqualTo(10000));
        Assert.That(listed["fallback_models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gemini-pro", "gpt-3.5-turbo" }));
        Assert.That(listed["parameters"]!["default_temperature"]!.GetValue<double>(), Is.EqualTo(0.7));
        Assert.That(listed["parameters"]!["max_tokens"]!.GetValue<int>(), Is.EqualTo(2000));
        Assert.That(listed["model_name"]!.GetValue<string>(), Is.EqualTo("gpt-4o-mini"), "settings leave the provider target as it was");
    }

    [Test]
    public async Task Status_reports_the_seed_fields_and_unknown_models_are_404()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Gateway.CreateModelAsync("status-model", upstream, Secret);

        var (status, body, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/llm/models/status-model/status");
        var (missingStatus, missing, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/llm/models/no-such-model/status");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["model_id"]!.GetValue<string>(), Is.EqualTo("status-model"));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("available"));
        Assert.That(body["health"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["error_rate"]!.GetValue<double>(), Is.Zero);
        Assert.That(body.AsObject().Select(p => p.Key),
            Is.SupersetOf(new[] { "model_id", "status", "health", "response_time_ms", "last_check", "error_rate" }));
        var error = RegistryApi.AssertLlmError(missingStatus, missing, HttpStatusCode.NotFound, "MODEL_NOT_FOUND");
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("no-such-model"));
    }

    [Test]
    public async Task Changing_a_model_that_does_not_exist_without_a_provider_is_404()
    {
        var (status, body, _) = await Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/models/never-created", new { enabled = true });

        var error = RegistryApi.AssertLlmError(status, body, HttpStatusCode.NotFound, "MODEL_NOT_FOUND");
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("model_type (or provider)"));
    }

    [Test]
    public async Task Bad_model_configuration_is_400_naming_the_field_and_nothing_is_saved()
    {
        var (hostStatus, host, hostText) = await Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/models/private-proxy", new
        {
            provider = "custom",
            model_name = "x",
            base_url = "http://10.0.0.5:8000/v1",
            api_key = Secret,
        });
        var (typeStatus, type, _) = await Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/models/private-proxy",
            new StringContentBody("{\"enabled\": \"yes\"}"));
        var (rangeStatus, range, _) = await Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/models/private-proxy", new
        {
            provider = "openai",
            api_key = Secret,
            priority = -1,
            parameters = new { default_temperature = 3.5 },
        });
        var listing = (await Gateway.SendAsync(HttpMethod.Get, "/api/llm/models")).Body;

        var hostError = RegistryApi.AssertLlmError(hostStatus, host, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.That(hostError["message"]!.GetValue<string>(), Does.Contain("base_url host '10.0.0.5' is not allowed"));
        Assert.That(hostText, Does.Not.Contain(Secret));
        var typeError = RegistryApi.AssertLlmError(typeStatus, type, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.That(typeError["message"]!.GetValue<string>(), Does.Contain("'enabled'"));
        var rangeErrors = RegistryApi.AssertLlmError(rangeStatus, range, HttpStatusCode.BadRequest, "INVALID_REQUEST")["details"]!["errors"]!
            .AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.That(rangeErrors, Has.Some.Contain("temperature must be between 0 and 2"));
        Assert.That(rangeErrors, Has.Some.Contain("priority must be at least 0"));
        Assert.That(RegistryApi.ModelIn(listing, "private-proxy"), Is.Null);
    }

    [Test]
    public async Task Load_balancing_round_trips_and_bad_values_are_400()
    {
        var (status, saved, text) = await Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/load-balancing", new
        {
            strategy = "weighted",
            health_check_interval = 45,
            failure_threshold = 4,
            recovery_threshold = 2,
            weights = new Dictionary<string, double> { ["gemini-pro"] = 0.4, ["gpt-4"] = 0.3, ["claude-3"] = 0.3 },
        });
        var (_, read, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/v1/llm/config/load-balancing");
        var (badStatus, bad, _) = await Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/load-balancing",
            new { strategy = "fastest", failure_threshold = 0, weights = new Dictionary<string, double> { ["gpt-4"] = -1 } });
        var (_, after, _) = await Gateway.SendAsync(HttpMethod.Get, "/api/llm/config/load-balancing");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(saved["load_balancing"]!["strategy"]!.GetValue<string>(), Is.EqualTo("weighted"));
        Assert.That(read["strategy"]!.GetValue<string>(), Is.EqualTo("weighted"));
        Assert.That(read["health_check_interval"]!.GetValue<int>(), Is.EqualTo(45));
        Assert.That(read["failure_threshold"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(read["recovery_threshold"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(read["weights"]!["gemini-pro"]!.GetValue<double>(), Is.EqualTo(0.4));
        var errors = RegistryApi.AssertLlmError(badStatus, bad, HttpStatusCode.BadRequest, "INVALID_REQUEST")["details"]!["errors"]!
            .AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.That(errors, Has.Some.Contain("strategy 'fastest' is unknown; use one of round_robin, weighted, least_latency, least_busy"));
        Assert.That(errors, Has.Some.Contain("failure_threshold must be between 1 and 100"));
        Assert.That(errors, Has.Some.Contain("weights['gpt-4']"));
        Assert.That(after.ToJsonString(), Is.EqualTo(read.ToJsonString()), "a refused change leaves the settings as they were");
    }
}
