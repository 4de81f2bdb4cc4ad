namespace Platform.Gateway.Inference;

/// <summary>Seed 001's error body: `{"success": false, "error": {type, message, code, details}, "timestamp"}`.</summary>
public sealed record InferenceErrorResponse(bool Success, InferenceErrorBody Error, double Timestamp);
