namespace Platform.Gateway.OpenAi;

/// <summary>OpenAI's error body: `{"error": {message, type, param, code}}`.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);
