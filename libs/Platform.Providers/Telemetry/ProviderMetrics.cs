using System.Diagnostics.Metrics;
using Platform.Providers.Accounting;

namespace Platform.Providers.Telemetry;

/// <summary>
/// The platform's own meter for model calls, recorded once per call from its usage record (so a call
/// that was retried counts once, with its whole latency) and per prediction-cache lookup. Tags carry
/// the model name and outcome, never a key. Per-attempt GenAI metrics come from <see cref="SourceName"/>.
/// </summary>
public static class ProviderMetrics
{
    /// <summary>The meter and activity source of this library; <c>.GenAI</c> is Microsoft.Extensions.AI's per-attempt telemetry.</summary>
    public const string MeterName = "Platform.Providers";
    public const string SourceName = "Platform.Providers.GenAI";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "platform.llm.call.duration", "s", "Model call latency, retries included, by model and outcome");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "platform.llm.call.errors", "{call}", "Failed model calls by model and error code");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "platform.llm.tokens", "{token}", "Tokens by model and type (input, output)");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>(
        "platform.llm.cost", "USD", "Cost of model calls by model, at the deployment's prices");
    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "platform.prediction_cache.lookups", "{lookup}", "Prediction-cache lookups by result (hit true/false); hit rate = hits / lookups");

    public static void Record(UsageRecord call)
    {
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", call.ModelName);
        var outcome = new KeyValuePair<string, object?>("error.type", call.ErrorCode);
        Duration.Record(call.LatencyMs / 1000.0, model, outcome);
        if (!call.Success)
        {
            Errors.Add(1, model, outcome);
        }
        Tokens.Add(call.PromptTokens, model, new("gen_ai.token.type", "input"));
        Tokens.Add(call.CompletionTokens, model, new("gen_ai.token.type", "output"));
        Cost.Add((double)call.Cost, model);
    }

    public static void CacheLookup(bool hit) => CacheLookups.Add(1, new KeyValuePair<string, object?>("hit", hit));
}
