using System.Text.Json.Serialization;

namespace Platform.Gateway.Llm;

/// <summary>One event of `/generate/stream`: a content delta, or the finish with usage and cost.</summary>
public sealed record GenerateChunk(
    string Id,
    IReadOnlyList<GenerateChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageView? Usage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CostView? Cost = null);
