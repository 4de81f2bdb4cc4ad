namespace Platform.Contracts.Http.Batches;

public sealed record BatchJobList(IReadOnlyList<BatchJobSummary> Jobs, int Total, int Offset, int Limit);
