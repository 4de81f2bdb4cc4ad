using System.Text.Json.Serialization;

namespace Platform.Gateway.OpenAi;

public sealed record ChatCompletionChunk(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatCompletionUsage? Usage = null)
{
    [JsonPropertyName("object")]
    public string ObjectType => "chat.completion.chunk";
}
