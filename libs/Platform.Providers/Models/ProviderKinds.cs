namespace Platform.Providers.Models;

/// <summary>The catalogue of provider kinds named by the seeds.</summary>
public static class ProviderKinds
{
    public const string OpenAi = "openai";
    public const string ZhipuGlm = "zhipu_glm";
    public const string BaiduWenxin = "baidu_wenxin";
    public const string Hunyuan = "hunyuan";
    public const string OpenRouter = "openrouter";
    public const string Gemini = "gemini";
    public const string Custom = "custom";
    public const string Anthropic = "anthropic";
    public const string Ollama = "ollama";
    public const string HuggingFace = "huggingface";
    public const string Local = "local";

    /// <summary>
    /// Stands for "the platform's TransformerWorker" in a resolved `local` model; the client factory replaces it
    /// with the configured Providers:LocalBaseUrl. Neither HTTP nor a host, so no base_url policy ever allows it.
    /// </summary>
    public static Uri LocalModelAddress { get; } = new("local:transformer-worker");

    public static IReadOnlyList<ProviderKind> All { get; } =
    [
        new(OpenAi, "OpenAI GPT 系列模型", WireProtocol.OpenAiCompatible, new("https://api.openai.com/v1/"), true, true,
            ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"]),
        new(ZhipuGlm, "智谱 GLM 系列模型", WireProtocol.OpenAiCompatible, new("https://open.bigmodel.cn/api/paas/v4/"), true, true,
            ["glm-4", "glm-3-turbo", "chatglm3-6b"]),
        new(BaiduWenxin, "百度文心一言 ERNIE 系列模型", WireProtocol.OpenAiCompatible, new("https://qianfan.baidubce.com/v2/"), true, true,
            ["ernie-4.0-8k", "ernie-3.5-8k", "ernie-speed-8k"]),
        new(Hunyuan, "腾讯混元系列模型", WireProtocol.OpenAiCompatible, new("https://api.hunyuan.cloud.tencent.com/v1/"), true, true,
            ["hunyuan-lite", "hunyuan-standard", "hunyuan-pro"]),
        new(OpenRouter, "OpenRouter 聚合模型", WireProtocol.OpenAiCompatible, new("https://openrouter.ai/api/v1/"), true, true,
            ["openai/gpt-4o-mini", "meta-llama/llama-3.1-8b-instruct"]),
        new(Gemini, "Google Gemini（OpenAI 兼容端点）", WireProtocol.OpenAiCompatible,
            new("https://generativelanguage.googleapis.com/v1beta/openai/"), true, true, ["gemini-2.0-flash", "gemini-1.5-pro"]),
        new(Custom, "任意 OpenAI 兼容服务（vLLM、TGI 等）", WireProtocol.OpenAiCompatible, null, false, true,
            ["qwen2.5-7b-instruct"]),
        new(Anthropic, "Anthropic Claude 系列模型", WireProtocol.Anthropic, new("https://api.anthropic.com/"), true, true,
            ["claude-3-5-sonnet-latest", "claude-3-5-haiku-latest"]),
        new(Ollama, "Ollama 本地模型", WireProtocol.Ollama, new("http://localhost:11434/"), false, true,
            ["llama2", "codellama", "mistral"]),
        new(HuggingFace, "HuggingFace 推理 API 分类模型", WireProtocol.HuggingFace,
            new("https://api-inference.huggingface.co/"), true, true, ["bert-base-uncased", "distilbert-base-uncased"]),
        // Its address is the operator's (Providers:LocalBaseUrl), not the caller's: see ChatClientFactory.
        new(Local, "平台内置 Transformer 本地模型", WireProtocol.OpenAiCompatible, LocalModelAddress, false, true, ["tiny", "gpt2-small"]),
    ];

    public static ProviderKind? Find(string? modelType) =>
        All.FirstOrDefault(kind => string.Equals(kind.ModelType, modelType, StringComparison.Ordinal));
}
