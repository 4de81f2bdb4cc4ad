using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Demo;

/// <summary>The model configuration of the demo's batch job, in the API's own shape.</summary>
internal static class DemoModel
{
    // {content} is the placeholder the platform fills in; the JSON braces around it are literal text.
    public const string PromptTemplate = """
        请判断以下评论的情感倾向，只输出 JSON：{"sentiment": "positive|negative|neutral", "confidence": 0到1之间的数字, "reasoning": "一句话理由"}
        评论：{content}
        """;

    /// <summary>The TransformerWorker's built-in small model (its appsettings.json), which the demo falls back to.</summary>
    private const string LocalModelName = "tiny";
    private const string LocalModelType = "local";

    private static readonly string[] TextKeys = ["model_type", "model_name", "base_url", "api_key", "prompt_template"];
    private static readonly string[] NumberKeys = ["temperature", "max_tokens"];

    public static IReadOnlyList<string> Instructions { get; } =
    [
        $"no provider is configured, so the demo uses the platform's local model {LocalModelType}/{LocalModelName}. Its weights are",
        "random, so its answers are noise: the demo shows the platform working, not sentiment. For real answers configure:",
        "  OPENAI_API_KEY=...   -> openai / gpt-4o-mini",
        "  ZHIPU_API_KEY=...    -> zhipu_glm / glm-4-flash",
        "  or the configuration section Demo:Model with the API's keys model_type, model_name, base_url, api_key,",
        "  temperature, max_tokens (optionally prompt_template), e.g. as environment variables:",
        "    Demo__Model__model_type=custom Demo__Model__model_name=qwen2.5-7b-instruct \\",
        "    Demo__Model__base_url=http://127.0.0.1:8001/v1 ./run.sh      (any OpenAI-compatible server: vLLM, TGI, Ollama's /v1)",
    ];

    /// <summary>The configured model: section Demo:Model when it names a model_type, else an API key shortcut; null if none.</summary>
    public static JsonObject? Configured(IConfiguration configuration)
    {
        var section = configuration.GetSection("Demo:Model");
        if (!string.IsNullOrWhiteSpace(section["model_type"]))
        {
            var model = new JsonObject();
            foreach (var key in TextKeys.Where(key => !string.IsNullOrEmpty(section[key])))
            {
                model[key] = section[key];
            }
            foreach (var key in NumberKeys.Where(key => !string.IsNullOrEmpty(section[key])))
            {
                // A value that is not a number goes as given, for the API to explain what is wrong with it.
                model[key] = double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(section[key]);
            }
            model.TryAdd("prompt_template", PromptTemplate);
            return model;
        }
        if (configuration["OPENAI_API_KEY"] is { Length: > 0 } openAiKey)
        {
            return Shortcut("openai", "gpt-4o-mini", openAiKey);
        }
        return configuration["ZHIPU_API_KEY"] is { Length: > 0 } zhipuKey ? Shortcut("zhipu_glm", "glm-4-flash", zhipuKey) : null;
    }

    /// <summary>The platform's own local model, which needs no key.</summary>
    public static JsonObject Local() => new()
    {
        ["model_type"] = LocalModelType,
        ["model_name"] = LocalModelName,
        ["temperature"] = 0.2,
        ["max_tokens"] = 48,
        ["prompt_template"] = PromptTemplate,
    };

    /// <summary>The model in words, without its API key.</summary>
    public static string Describe(JsonObject model) =>
        $"{model["model_type"]}/{model["model_name"]}" + (model["base_url"] is { } baseUrl ? $" at {baseUrl}" : "");

    private static JsonObject Shortcut(string modelType, string modelName, string apiKey) => new()
    {
        ["model_type"] = modelType,
        ["model_name"] = modelName,
        ["api_key"] = apiKey,
        ["temperature"] = 0.2,
        ["max_tokens"] = 256,
        ["prompt_template"] = PromptTemplate,
    };
}
