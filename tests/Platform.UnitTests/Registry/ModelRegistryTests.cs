using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Http.Models;
using Platform.Providers;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.Providers.Routing;

namespace Platform.UnitTests.Registry;

public sealed class ModelRegistryTests
{
    private static readonly ModelConfigValidator Validator =
        new(new BaseUrlPolicy(Options.Create(new ProvidersOptions { AllowLoopback = true })));

    private static readonly ModelDefinition Gpt4 = new()
    {
        Id = "gpt-4-primary",
        Model = "gpt-4",
        ModelType = "openai",
        ModelName = "gpt-4o",
        ApiKey = "sk-declared-secret-0001",
        Priority = 2,
        InputPer1KTokens = 0.005m,
    };

    [Test]
    public void Declared_models_fill_the_catalog_with_their_settings_and_defaults()
    {
        var catalog = new ModelCatalog();
        using var registry = Registry(catalog, Gpt4);

        registry.LoadDeclared();

        var deployment = catalog.DeploymentsOf("gpt-4").Single();
        Assert.That(deployment.Id, Is.EqualTo("gpt-4-primary"));
        Assert.That(deployment.Target.ModelName, Is.EqualTo("gpt-4o"));
        Assert.That(deployment.Target.BaseUrl, Is.EqualTo(new Uri("https://api.openai.com/v1/")));
        Assert.That(deployment.Target.ApiKey, Is.EqualTo("sk-declared-secret-0001"));
        Assert.That(deployment.Priority, Is.EqualTo(2));
        Assert.That(deployment.Enabled, Is.True);
        Assert.That(deployment.Weight, Is.EqualTo(1));
        Assert.That(deployment.Pricing, Is.EqualTo(new ModelPricing(0.005m, 0)));
        Assert.That(registry.Find("gpt-4-primary")!.Capabilities, Is.EqualTo(ModelDefinition.DefaultCapabilities));
    }

    [Test]
    public void A_declared_model_that_is_not_usable_stops_start_up_naming_it()
    {
        using var registry = Registry(new ModelCatalog(), Gpt4, new ModelDefinition { Id = "broken-model", ModelType = "openai", Weight = 0 });

        var failure = Assert.Throws<InvalidOperationException>(registry.LoadDeclared);

        Assert.That(failure!.Message, Does.Contain("Llm:Models:1 ('broken-model').api_key is required"));
        Assert.That(failure.Message, Does.Contain("Llm:Models:1 ('broken-model').weight must be greater than 0"));
        Assert.That(failure.Message, Does.Not.Contain("gpt-4-primary"));
    }

    [Test]
    public void A_declared_id_given_twice_is_refused()
    {
        using var registry = Registry(new ModelCatalog(), Gpt4, Gpt4);

        Assert.That(() => registry.LoadDeclared(), Throws.InvalidOperationException.With.Message.Contain("'gpt-4-primary' more than once"));
    }

    [Test]
    public void A_stored_change_overlays_only_the_fields_it_sets()
    {
        var merged = Gpt4.Overlay(new ModelDefinition { Id = "ignored", Enabled = false, FallbackModels = ["claude-3"] });

        Assert.That(merged.Id, Is.EqualTo("gpt-4-primary"));
        Assert.That(merged.Enabled, Is.False);
        Assert.That(merged.FallbackModels, Is.EqualTo(new[] { "claude-3" }));
        Assert.That(merged.ApiKey, Is.EqualTo(Gpt4.ApiKey));
        Assert.That(merged.Priority, Is.EqualTo(2));
        Assert.That(merged.ToString(), Does.Not.Contain("secret"), "a definition never prints its key");
    }

    [Test]
    public void Rules_name_each_bad_field()
    {
        var bad = Gpt4 with { Id = "bad/id", RequestsPerMinute = 0, FallbackModels = ["gpt-4"], InputPer1KTokens = -1 };

        var errors = ModelDefinitionRules.Validate(bad, Validator, "model");

        Assert.That(errors, Has.Some.StartsWith("model.id 'bad/id' is not valid"));
        Assert.That(errors, Has.Some.EqualTo("model.rate_limit.requests_per_minute must be at least 1, got 0"));
        Assert.That(errors, Has.Some.EqualTo("model.fallback_models must not name the model itself ('gpt-4')"));
        Assert.That(errors, Has.Some.EqualTo("model.pricing must not be negative"));
    }

    [TestCase("sk-live-0123456789abcd", "***abcd")]
    [TestCase("short-key", "***")]
    [TestCase(null, null)]
    public void Keys_are_shown_at_most_by_their_last_four_characters(string? key, string? shown) =>
        Assert.That(SecretRedaction.Redact(key), Is.EqualTo(shown));

    [TestCase("glm-4-plus", "glm-4-plus")]
    [TestCase("meta-llama/llama-3.1-8b-instruct", "meta-llama-llama-3.1-8b-instruct")]
    public void A_registered_name_is_served_under_an_id_that_fits_a_url_segment(string name, string id)
    {
        Assert.That(RegistryStore.IdFor(name), Is.EqualTo(id));
        Assert.That(ModelDefinitionRules.IsValidId(RegistryStore.IdFor(name)), Is.True);
    }

    [Test]
    public void Strategies_use_the_seed_words()
    {
        Assert.That(BalancingStrategyNames.All, Is.EqualTo(new[] { "round_robin", "weighted", "least_latency", "least_busy" }));
        Assert.That(BalancingStrategyNames.Parse("least_busy"), Is.EqualTo(BalancingStrategy.LeastBusy));
        Assert.That(BalancingStrategyNames.Parse("fastest"), Is.Null);
    }

    [Test]
    public void Only_a_config_with_a_name_and_no_type_names_a_registered_model()
    {
        Assert.That(ModelRegistry.NamesRegisteredModel(new AiModelConfig { ModelName = "my-model" }), Is.True);
        Assert.That(ModelRegistry.NamesRegisteredModel(new AiModelConfig { ModelType = "openai", ModelName = "gpt-4o" }), Is.False);
        Assert.That(ModelRegistry.NamesRegisteredModel(new AiModelConfig()), Is.False);
    }

    private static ModelRegistry Registry(ModelCatalog catalog, params ModelDefinition[] declared)
    {
        var options = new ModelRegistryOptions();
        foreach (var definition in declared)
        {
            options.Models.Add(definition);
        }

        // Declared models are loaded without the database; the scope factory is only used by a refresh.
        return new ModelRegistry(Options.Create(options), catalog, Validator, scopes: null!, NullLogger<ModelRegistry>.Instance);
    }
}
