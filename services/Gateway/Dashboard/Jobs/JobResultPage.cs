namespace Platform.Gateway.Dashboard.Jobs;

public sealed record JobResultPage(int Offset, int Limit, int TotalResults, int TotalFailed);
