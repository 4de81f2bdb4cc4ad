using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

public sealed record ChatChoice(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatMessageDto? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatMessageDto? Delta,
    ChatLogprobs? Logprobs,
    string? FinishReason);
