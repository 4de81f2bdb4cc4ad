using Platform.Contracts.Http.Models;
using System.Text.Json;
using Platform.Providers.Models;

namespace Platform.Gateway.Interactive;

/// <summary>Seed 000's `POST /api/v1/ai/predict` body.</summary>
public sealed record PredictRequest(string? TaskId, AiModelConfig? AiModelConfig, string? Content);

public sealed record PredictResponse(
    string TaskId,
    JsonElement PredictionData,
    double? Confidence,
    double ProcessingTime,
    ModelInfo ModelInfo,
    bool Cached);

/// <param name="Version">The registered version of the model; else the version the provider reported answering with, or the configured name.</param>
public sealed record ModelInfo(string ModelType, string ModelName, string Version);
