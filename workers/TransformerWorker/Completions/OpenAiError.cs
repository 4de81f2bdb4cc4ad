namespace Platform.TransformerWorker.Completions;

public sealed record OpenAiError(OpenAiErrorBody Error);
