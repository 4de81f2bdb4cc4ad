namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's error body: `{"error": {message, type, param, code}}`.</summary>
public sealed record OpenAiErrorBody(OpenAiErrorDetail Error);
