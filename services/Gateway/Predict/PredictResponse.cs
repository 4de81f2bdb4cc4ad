using System.Text.Json;

namespace Platform.Gateway.Predict;

public sealed record PredictResponse(
    string TaskId,
    JsonElement PredictionData,
    double? Confidence,
    double ProcessingTime,
    PredictModelInfo ModelInfo,
    bool Cached);
