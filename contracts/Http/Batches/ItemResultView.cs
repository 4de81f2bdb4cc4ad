using System.Text.Json;

namespace Platform.Contracts.Http.Batches;

/// <summary>One task's answer in a job's `results`.</summary>
public sealed record ItemResultView(
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
    string? ErrorCode,
    bool Cached);
