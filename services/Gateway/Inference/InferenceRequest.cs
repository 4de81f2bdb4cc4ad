namespace Platform.Gateway.Inference;

/// <summary>Seed 001's `InferenceRequest`: which task, on which engine and model, over which data, with which options.</summary>
public sealed record InferenceRequest(string? Task, string? Engine, string? ModelName, InferenceData? Data, InferenceRequestOptions? Options);
