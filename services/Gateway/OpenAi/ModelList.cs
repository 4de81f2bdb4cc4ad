using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.OpenAi;

public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}
