namespace Platform.Gateway.Inference;

public sealed record BatchInferenceResponse(
    bool Success,
    BatchSummary Summary,
    IReadOnlyList<BatchItemResult> Results,
    double TotalProcessingTime,
    double AverageTimePerRequest,
    double Timestamp);
