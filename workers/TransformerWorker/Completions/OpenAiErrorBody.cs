namespace Platform.TransformerWorker.Completions;

public sealed record OpenAiErrorBody(string Message, string Type, string? Param, string? Code);
