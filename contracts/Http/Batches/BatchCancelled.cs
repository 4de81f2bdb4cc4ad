namespace Platform.Contracts.Http.Batches;

public sealed record BatchCancelled(string JobId, string Status, string Message);
