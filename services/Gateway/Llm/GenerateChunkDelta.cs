using System.Text.Json.Serialization;

namespace Platform.Gateway.Llm;

public sealed record GenerateChunkDelta([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);
