using System.Text.Json.Serialization;

namespace Platform.Gateway.Llm;

public sealed record GenerateChunkChoice(
    GenerateChunkDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FinishReason = null);
