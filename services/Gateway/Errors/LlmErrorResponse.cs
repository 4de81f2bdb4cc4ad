namespace Platform.Gateway.Errors;

/// <summary>Seed 003's error body: `{"error": {code, message, details, request_id}}`.</summary>
public sealed record LlmErrorResponse(LlmError Error);
