using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Inference;

public sealed record BatchInferenceResponse(
    bool Success,
    BatchSummary Summary,
    IReadOnlyList<BatchItemResult> Results,
    double TotalProcessingTime,
    double AverageTimePerRequest,
    double Timestamp);
