using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

public sealed record FileDeleted(string Id, bool Deleted)
{
    [JsonPropertyName("object")]
    public string ObjectType => "file";
}
