namespace Platform.Contracts.Http.Batches;

/// <summary>`results` (successes) and `failed_tasks_details` (failures) page on their own offsets.</summary>
public sealed record PageView(int Offset, int Limit, int TotalResults, int FailedOffset, int FailedLimit, int TotalFailed);
