using System.Text.Json.Serialization;

namespace Platform.Gateway.OpenAi;

public sealed record ModelEntry(string Id, long Created, string OwnedBy)
{
    [JsonPropertyName("object")]
    public string ObjectType => "model";
}
