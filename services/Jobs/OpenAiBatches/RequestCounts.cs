namespace Platform.Jobs.OpenAiBatches;

public sealed record RequestCounts(int Total, int Completed, int Failed);
