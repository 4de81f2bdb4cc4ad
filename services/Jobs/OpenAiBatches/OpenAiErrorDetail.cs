namespace Platform.Jobs.OpenAiBatches;

public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
