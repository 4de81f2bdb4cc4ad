using System.Text.Json.Serialization;

namespace Platform.Gateway.OpenAi;

public sealed record ChatCompletion(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    ChatCompletionUsage Usage)
{
    [JsonPropertyName("object")]
    public string ObjectType => "chat.completion";
}
