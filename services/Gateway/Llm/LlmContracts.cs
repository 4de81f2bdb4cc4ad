using System.Text.Json.Serialization;
using Platform.Gateway.Interactive;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's `POST /generate` and `/generate/stream` body.</summary>
public sealed record GenerateRequest(string? Model, List<ChatTurn?>? Messages, GenerateParameters? Parameters);

public sealed record GenerateParameters(double? Temperature, int? MaxTokens, double? TopP, bool? Stream);

public sealed record GenerateResponse(string Id, string Model, IReadOnlyList<GenerateChoice> Choices, UsageView Usage, CostView Cost);

public sealed record GenerateChoice(int Index, ChatTurn Message, string FinishReason);

public sealed record UsageView(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static UsageView Of(TokenCount tokens) => new(tokens.Prompt, tokens.Completion, tokens.Total);
}

/// <summary>What a call cost at the answering deployment's prices per 1,000 tokens (US dollars).</summary>
public sealed record CostView(decimal InputCost, decimal OutputCost, decimal TotalCost)
{
    public static CostView Of(ModelPricing pricing, TokenCount tokens)
    {
        var input = pricing.InputCost(tokens.Prompt);
        var output = pricing.OutputCost(tokens.Completion);
        return new CostView(input, output, input + output);
    }
}

/// <summary>One event of `/generate/stream`: a content delta, or the finish with usage and cost.</summary>
public sealed record GenerateChunk(
    string Id,
    IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageView? Usage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CostView? Cost = null);

public sealed record ChunkChoice(
    ChunkDelta Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FinishReason = null);

public sealed record ChunkDelta([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);

public sealed record HealthResponse(string Status, DateTime Timestamp, HealthServices Services, ModelHealthCounts Models);

public sealed record HealthServices(string LlmService, string ModelManager, string CostTracker);

public sealed record ModelHealthCounts(int Available, int Healthy, int Degraded, int Unavailable);

public sealed record UsageStatsResponse(
    UsagePeriod Period,
    long TotalRequests,
    long TotalTokens,
    decimal TotalCost,
    IReadOnlyDictionary<string, ModelUsageView> ByModel);

public sealed record UsagePeriod(string Start, string End);

public sealed record ModelUsageView(long Requests, long Tokens, decimal Cost);

public sealed record PerformanceResponse(ResponseTimes ResponseTimes, double SuccessRate, double ErrorRate, Throughput Throughput);

public sealed record ResponseTimes(long AverageMs, long P50Ms, long P95Ms, long P99Ms);

public sealed record Throughput(double RequestsPerMinute, double TokensPerMinute);
