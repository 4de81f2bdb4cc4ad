using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

public sealed record BatchErrors(IReadOnlyList<BatchLineError> Data)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}
