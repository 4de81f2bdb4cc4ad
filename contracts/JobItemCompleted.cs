namespace Platform.Contracts;

/// <summary>Event: a worker finished an item, successfully or not.</summary>
public sealed record JobItemCompleted(
    Guid ItemId,
    string JobId,
    JobItemOutcome Outcome,
    string? PredictionJson,
    string? RawText,
    double? Confidence,
    string? Error,
    string? ErrorCode,
    int Attempts,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int? PromptTokens,
    int? CompletionTokens,
    string? AnsweredBy);
