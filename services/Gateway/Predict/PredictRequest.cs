using Platform.Contracts.Http.Models;

namespace Platform.Gateway.Predict;

/// <summary>Seed 000's `POST /api/v1/ai/predict` body.</summary>
public sealed record PredictRequest(string? TaskId, AiModelConfig? AiModelConfig, string? Content);
