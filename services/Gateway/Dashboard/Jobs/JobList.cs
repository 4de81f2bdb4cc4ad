namespace Platform.Gateway.Dashboard.Jobs;

public sealed record JobList(IReadOnlyList<JobSummary> Jobs, int Total);
