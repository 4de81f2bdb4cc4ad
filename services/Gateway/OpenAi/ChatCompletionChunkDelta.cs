using System.Text.Json.Serialization;

namespace Platform.Gateway.OpenAi;

public sealed record ChatCompletionChunkDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);
