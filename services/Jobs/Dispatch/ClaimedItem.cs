namespace Platform.Jobs.Dispatch;

/// <summary>A row claimed for dispatch, as the claiming statement returns it.</summary>
public sealed record ClaimedItem(Guid ItemId, string TaskId, int ModelIndex, int Deliveries, string Content);
