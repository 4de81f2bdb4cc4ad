namespace Platform.Gateway.Inference;

public sealed record AsyncItemOutcome(string Status, string? RawText, double? ProcessingTime, string? Error, string? ErrorCode);
