using Microsoft.Extensions.AI;
using Platform.Providers.Caching;
using Platform.Providers.Models;

namespace Platform.UnitTests.Accounting;

public sealed class PredictionCacheKeyTests
{
    private static ResolvedModel Model(string type = "openai", string name = "gpt-4o", string url = "https://api.openai.com/v1/",
        string? key = "sk-one", double? temperature = 0.2, int? maxTokens = 512) =>
        new(ProviderKinds.Find(type)!, name, new Uri(url), key, temperature, maxTokens, "{content}");

    [Test]
    public void The_same_call_has_the_same_key()
    {
        var key = PredictionCacheKey.Build(Model(), "classify: hello", "be brief");

        Assert.That(PredictionCacheKey.Build(Model(), "classify: hello", "be brief"), Is.EqualTo(key));
        Assert.That(key, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void The_api_key_does_not_change_the_answer_so_not_the_key() =>
        Assert.That(PredictionCacheKey.Build(Model(key: "sk-two"), "p"), Is.EqualTo(PredictionCacheKey.Build(Model(), "p")));

    [Test]
    public void Explicit_parameters_equal_to_the_models_defaults_share_the_key() =>
        Assert.That(PredictionCacheKey.Build(Model(), "p", options: new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 512 }),
            Is.EqualTo(PredictionCacheKey.Build(Model(), "p")));

    [Test]
    public void Everything_that_shapes_the_answer_changes_the_key()
    {
        var keys = new[]
        {
            PredictionCacheKey.Build(Model(), "p"),
            PredictionCacheKey.Build(Model(type: "zhipu_glm"), "p"),
            PredictionCacheKey.Build(Model(name: "gpt-4o-mini"), "p"),
            PredictionCacheKey.Build(Model(url: "https://openrouter.ai/api/v1/"), "p"),
            PredictionCacheKey.Build(Model(), "q"),
            PredictionCacheKey.Build(Model(), "p", "system"),
            PredictionCacheKey.Build(Model(temperature: 0.3), "p"),
            PredictionCacheKey.Build(Model(maxTokens: 100), "p"),
            PredictionCacheKey.Build(Model(), "p", options: new ChatOptions { TopP = 0.5f }),
        };

        Assert.That(keys.Distinct().Count(), Is.EqualTo(keys.Length));
    }

    [Test]
    public void Prompt_text_cannot_imitate_a_field_boundary() =>
        Assert.That(PredictionCacheKey.Build(Model(), "b", "a"), Is.Not.EqualTo(PredictionCacheKey.Build(Model(), "a\",\"b", null)));
}
