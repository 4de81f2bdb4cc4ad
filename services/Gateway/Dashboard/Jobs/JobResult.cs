using System.Text.Json;

namespace Platform.Gateway.Dashboard.Jobs;

public sealed record JobResult(
    string TaskId,
    string Status,
    JsonElement? Prediction,
    string? RawText,
    double? Confidence,
    double? ProcessingTime,
    string ModelType,
    string ModelName,
    int Attempts,
    string? Error,
    string? ErrorCode);
