namespace Platform.Gateway.Inference;

/// <summary>
/// `GET /inference/examples`: one request per task. They name the platform's own `local` model `tiny`, which a
/// default TransformerWorker serves, so they run as they are; image-to-text needs a vision model and its key.
/// </summary>
public static class InferenceExamples
{
    public static IReadOnlyList<InferenceExample> All { get; } =
    [
        Example(InferenceTasks.TextGeneration, "Continue a prompt", Local(InferenceTasks.TextGeneration, new { inputs = "Hello" }, new { max_tokens = 32 })),
        Example(InferenceTasks.Chat, "Answer a conversation", Local(InferenceTasks.Chat,
            new { messages = new[] { new { role = "system", content = "You are brief." }, new { role = "user", content = "你好" } } }, new { max_tokens = 32 })),
        Example(InferenceTasks.TextClassification, "Pick one of the labels", Local(InferenceTasks.TextClassification,
            new { inputs = "The battery died after an hour" }, new { labels = new[] { "hardware", "software", "billing" } })),
        Example(InferenceTasks.SentimentAnalysis, "positive, negative or neutral", Local(InferenceTasks.SentimentAnalysis, new { inputs = "这个产品很好用" }, new { })),
        Example(InferenceTasks.Summarization, "Summarize a text", Local(InferenceTasks.Summarization,
            new { inputs = "The platform imports annotation tasks, runs them through language models and collects the answers." }, new { max_tokens = 48 })),
        Example(InferenceTasks.Translation, "Translate into another language", Local(InferenceTasks.Translation,
            new { inputs = "早上好" }, new { source_language = "Chinese", target_language = "English" })),
        Example(InferenceTasks.FeatureExtraction, "Embeddings of texts", Local(InferenceTasks.FeatureExtraction,
            new { inputs = new[] { "first text", "second text" } }, new { })),
        Example(InferenceTasks.ImageToText, "Describe an image (a vision model; POST /inference/infer_multimodal takes the same body)", new
        {
            task = InferenceTasks.ImageToText, engine = "openai", model_name = "gpt-4o-mini",
            data = new { inputs = "What is in this picture?", images = new[] { "https://upload.wikimedia.org/wikipedia/commons/4/47/PNG_transparency_demonstration_1.png" } },
            options = new { api_key = "sk-...", max_tokens = 64 },
        }),
    ];

    private static object Local(string task, object data, object options) => new { task, engine = "local", model_name = "tiny", data, options };

    private static InferenceExample Example(string task, string description, object request) => new(task, description, request,
        $"curl -X POST {InferenceOptions.DefaultUrl}{InferenceApi.Prefix}/infer -H \"Content-Type: application/json\" -d '" +
        System.Text.Json.JsonSerializer.Serialize(request) + "'");
}
