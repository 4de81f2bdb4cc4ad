using Platform.Gateway.Chat;

namespace Platform.Gateway.OpenAi;

/// <summary>The part of OpenAI's chat-completions request the platform honours.</summary>
public sealed record ChatCompletionRequest(
    string? Model,
    List<OpenAiMessage?>? Messages,
    double? Temperature,
    double? TopP,
    int? MaxTokens,
    int? MaxCompletionTokens,
    int? N,
    bool? Stream,
    StreamOptions? StreamOptions)
{
    public int? OutputTokenLimit => MaxCompletionTokens ?? MaxTokens;

    public List<ChatTurn?> Turns() => Messages!.Select(message => message?.ToTurn()).ToList();
}
