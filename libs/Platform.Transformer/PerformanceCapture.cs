using System.Text.Json.Serialization;

namespace Platform.Transformer;

/// <summary>Wall time of the forward pass in seconds and the process working set after it in MB.</summary>
public sealed record PerformanceCapture(
    [property: JsonPropertyName("forward_time")] double ForwardTime,
    [property: JsonPropertyName("memory_usage")] double MemoryUsage);
