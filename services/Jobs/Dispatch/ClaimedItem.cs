namespace Platform.Jobs.Dispatch;

/// <summary>A row claimed for dispatch, as <see cref="WindowClaim"/> returns it.</summary>
public sealed record ClaimedItem(Guid ItemId, string JobId, string TaskId, int ModelIndex, int Deliveries, string Content);
