using Platform.Contracts;

namespace Platform.Jobs.Domain;

/// <summary>A worker's result for one item as the item stores it: its final status, and text PostgreSQL can hold.</summary>
public sealed record ItemResult(
    Guid ItemId,
    string JobId,
    JobItemStatus Status,
    int Attempts,
    string? Prediction,
    string? RawText,
    double? Confidence,
    string? Error,
    string? ErrorCode,
    string? AnsweredBy,
    bool TextReplaced,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double ProcessingTime,
    int? PromptTokens,
    int? CompletionTokens)
{
    public static ItemResult Of(JobItemCompleted result)
    {
        var replaced = false;
        return new ItemResult(
            result.ItemId,
            result.JobId,
            result.Outcome switch
            {
                JobItemOutcome.Succeeded => JobItemStatus.Succeeded,
                JobItemOutcome.Failed => JobItemStatus.Failed,
                _ => JobItemStatus.Cancelled,
            },
            result.Attempts,
            StorableText.CleanJson(result.PredictionJson, ref replaced),
            StorableText.Clean(result.RawText, ref replaced),
            result.Confidence,
            StorableText.Clean(result.Error, ref replaced),
            StorableText.Clean(result.ErrorCode, ref replaced),
            StorableText.Clean(result.AnsweredBy, ref replaced),
            replaced,
            result.StartedAt,
            result.FinishedAt,
            Math.Round((result.FinishedAt - result.StartedAt).TotalSeconds, 3),
            result.PromptTokens,
            result.CompletionTokens);
    }
}
