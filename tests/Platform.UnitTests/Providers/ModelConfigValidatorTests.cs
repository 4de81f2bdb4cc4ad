using Microsoft.Extensions.Options;
using Platform.Contracts.Http.Models;
using Platform.Providers;
using Platform.Providers.Models;

namespace Platform.UnitTests.Providers;

public sealed class ModelConfigValidatorTests
{
    private static ModelConfigValidator Validator(bool allowLoopback = false, params string[] allowedHosts)
    {
        var options = new ProvidersOptions { AllowLoopback = allowLoopback };
        foreach (var host in allowedHosts)
        {
            options.AllowedHosts.Add(host);
        }

        return new ModelConfigValidator(new BaseUrlPolicy(Options.Create(options)));
    }

    private static readonly AiModelConfig Zhipu = new()
    {
        ModelType = "zhipu_glm",
        ModelName = "glm-4",
        ApiKey = "key",
        PromptTemplate = "情感分析：{content}",
    };

    [Test]
    public void Accepts_the_seed_example_and_fills_the_provider_default_base_url()
    {
        Assert.That(Validator().Validate(Zhipu, "ai_model_config"), Is.Empty);

        var resolved = ModelConfigValidator.Resolve(Zhipu);

        Assert.That(resolved.BaseUrl, Is.EqualTo(new Uri("https://open.bigmodel.cn/api/paas/v4/")));
        Assert.That(resolved.ToString(), Does.Not.Contain("key"), "a resolved model never prints its key");
    }

    [Test]
    public void Names_every_bad_field_with_its_path()
    {
        var config = new AiModelConfig { ModelType = "zhipu_glm", Temperature = 3, MaxTokens = 0, PromptTemplate = "a finished prompt", CacheTtl = 0 };

        var errors = Validator().Validate(config, "ai_model_configs[1]");

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "ai_model_configs[1].model_name is required",
            "ai_model_configs[1].temperature must be between 0 and 2",
            $"ai_model_configs[1].max_tokens must be between 1 and {ModelConfigValidator.MaxTokensLimit}",
            $"ai_model_configs[1].cache_ttl must be between 1 and {ModelConfigValidator.MaxCacheTtlSeconds} seconds",
            "ai_model_configs[1].api_key is required for model_type 'zhipu_glm'",
        }));
    }

    [Test]
    public void Rejects_unknown_model_types()
    {
        Assert.That(Validator().Validate(Zhipu with { ModelType = "gpt5" }, "c"), Has.One.StartsWith("c.model_type 'gpt5' is unknown"));
    }

    [Test]
    public void Accepts_local_without_key_or_base_url_but_refuses_a_base_url_for_it()
    {
        var local = new AiModelConfig { ModelType = "local", ModelName = "tiny" };

        Assert.That(Validator().Validate(local, "c"), Is.Empty);
        Assert.That(Validator(allowLoopback: true).Validate(local with { BaseUrl = "http://127.0.0.1:9/v1" }, "c"),
            Has.One.StartsWith("c.base_url is not accepted for model_type 'local'"));
    }

    [TestCase("http://10.0.0.5/v1")]
    [TestCase("http://169.254.169.254/latest")]
    [TestCase("https://internal.corp/v1")]
    [TestCase("file:///etc/passwd")]
    public void Refuses_base_urls_outside_the_allowlist(string baseUrl)
    {
        var errors = Validator().Validate(Zhipu with { BaseUrl = baseUrl }, "c");

        Assert.That(errors, Has.One.Contains("c.base_url"));
    }

    [Test]
    public void Allows_loopback_only_in_local_mode_and_operator_hosts_always()
    {
        var local = Zhipu with { BaseUrl = "http://127.0.0.1:11434/v1" };
        var vllm = Zhipu with { ModelType = "custom", BaseUrl = "https://vllm.internal.example/v1" };

        Assert.That(Validator(allowLoopback: false).Validate(local, "c"), Is.Not.Empty);
        Assert.That(Validator(allowLoopback: true).Validate(local, "c"), Is.Empty);
        Assert.That(Validator(false, "vllm.internal.example").Validate(vllm, "c"), Is.Empty);
    }

    [Test]
    public void Applies_the_allowlist_to_a_default_base_url_on_loopback()
    {
        var ollama = new AiModelConfig { ModelType = "ollama", ModelName = "llama2" };

        Assert.That(Validator(allowLoopback: false).Validate(ollama, "c"),
            Is.EqualTo(new[] { "c.base_url is required for model_type 'ollama': its default http://localhost:11434/ is not allowed here" }));
        Assert.That(Validator(allowLoopback: true).Validate(ollama, "c"), Is.Empty);
    }

    [Test]
    public void Requires_a_base_url_for_custom_servers()
    {
        var errors = Validator().Validate(new AiModelConfig { ModelType = "custom", ModelName = "qwen" }, "c");

        Assert.That(errors, Is.EqualTo(new[] { "c.base_url is required for model_type 'custom'" }));
    }
}
