using Platform.Contracts.Http.Models;
using System.Text.Json;
using Platform.Providers.Models;

namespace Platform.Gateway.Predict;

public sealed record PredictResponse(
    string TaskId,
    JsonElement PredictionData,
    double? Confidence,
    double ProcessingTime,
    PredictModelInfo ModelInfo,
    bool Cached);
