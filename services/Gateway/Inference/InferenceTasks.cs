using Platform.Providers.Models;

namespace Platform.Gateway.Inference;

/// <summary>
/// Which engine runs which task, as data (served by `GET /inference/supported-tasks`): chat models generate,
/// classify, summarize and translate; HuggingFace's classifiers only classify; embeddings come from the
/// providers' embeddings APIs (the local transformer's hidden states for `local`); images go to the
/// OpenAI-compatible vision APIs.
/// </summary>
public static class InferenceTasks
{
    public const string TextGeneration = "text-generation";
    public const string Chat = "chat";
    public const string TextClassification = "text-classification";
    public const string SentimentAnalysis = "sentiment-analysis";
    public const string Summarization = "summarization";
    public const string Translation = "translation";
    public const string FeatureExtraction = "feature-extraction";
    public const string ImageToText = "image-to-text";

    private static readonly WireProtocol[] Generative = [WireProtocol.OpenAiCompatible, WireProtocol.Anthropic, WireProtocol.Ollama];
    private static readonly WireProtocol[] Classifying = [.. Generative, WireProtocol.HuggingFace];

    public static IReadOnlyList<InferenceTask> All { get; } =
    [
        InferenceTask.Of(TextGeneration, "Continue a prompt: data.inputs", Generative),
        InferenceTask.Of(Chat, "Answer a conversation: data.messages [{role, content}]", Generative),
        InferenceTask.Of(TextClassification, "Pick one of options.labels for data.inputs", Classifying),
        InferenceTask.Of(SentimentAnalysis, "positive, negative or neutral for data.inputs", Classifying),
        InferenceTask.Of(Summarization, "Summarize data.inputs", Generative),
        InferenceTask.Of(Translation, "Translate data.inputs into options.target_language (from options.source_language)", Generative),
        InferenceTask.Of(FeatureExtraction, "Embeddings of data.inputs (a text or an array of texts)",
            [WireProtocol.OpenAiCompatible, WireProtocol.Ollama, WireProtocol.HuggingFace]),
        InferenceTask.Of(ImageToText, "Answer data.inputs about data.images (URLs, data URIs or base64); also POST /inference/infer_multimodal",
            [WireProtocol.OpenAiCompatible], ProviderKinds.Local),
    ];

    public static InferenceTask? Find(string? name) => All.FirstOrDefault(task => task.Name == name);
}
