using System.Text.Json.Serialization;

namespace Platform.Gateway.Realtime;

/// <summary>The end of an answer: the whole text as `result` (seed 002's sketch), usage and cost.</summary>
public sealed record CompleteReply(string? RequestId, string Model, string Result, string FinishReason, Llm.UsageView Usage, Llm.CostView Cost)
{
    [JsonPropertyOrder(-1)]
    public string Type => "complete";
}
