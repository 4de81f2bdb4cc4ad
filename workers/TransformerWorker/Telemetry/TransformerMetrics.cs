using System.Diagnostics.Metrics;
using System.Numerics;

namespace Platform.TransformerWorker.Telemetry;

/// <summary>The forward pass as the worker serves it: measured here, so that the engine stays free of hosting code.</summary>
public static class TransformerMetrics
{
    public const string MeterName = "Platform.TransformerWorker";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> ForwardDuration = Meter.CreateHistogram<double>(
        "platform.transformer.forward.duration", "s", "Time of one forward pass, by sequence length bucket");
    private static readonly Histogram<double> ForwardThroughput = Meter.CreateHistogram<double>(
        "platform.transformer.forward.throughput", "{token}/s", "Tokens per second of one forward pass");

    public static void RecordForward(int tokens, double seconds)
    {
        // Exact lengths would make a series per length; powers of two keep them few and comparable.
        var length = new KeyValuePair<string, object?>("platform.tokens.bucket", (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(tokens, 1)));
        ForwardDuration.Record(seconds, length);
        ForwardThroughput.Record(seconds > 0 ? tokens / seconds : 0, length);
    }
}
