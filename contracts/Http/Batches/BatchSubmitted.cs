namespace Platform.Contracts.Http.Batches;

public sealed record BatchSubmitted(string JobId, string Status, string Message);
