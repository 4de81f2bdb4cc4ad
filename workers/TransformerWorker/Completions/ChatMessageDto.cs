namespace Platform.TransformerWorker.Completions;

public sealed record ChatMessageDto(string? Role, string? Content);
