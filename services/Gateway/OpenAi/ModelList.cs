using System.Text.Json.Serialization;

namespace Platform.Gateway.OpenAi;

public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}
