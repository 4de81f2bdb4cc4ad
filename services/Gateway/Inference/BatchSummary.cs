namespace Platform.Gateway.Inference;

public sealed record BatchSummary(int TotalRequests, int Successful, int Failed, double SuccessRate);
