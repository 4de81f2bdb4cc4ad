using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's paged list: `first_id`/`last_id` and `has_more`, continued with `after`.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Data, string? FirstId, string? LastId, bool HasMore)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}
