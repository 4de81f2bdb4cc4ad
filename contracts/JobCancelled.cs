namespace Platform.Contracts;

/// <summary>Event: a job was cancelled; workers skip its items that have not started yet.</summary>
public sealed record JobCancelled(string JobId, DateTimeOffset CancelledAt);
