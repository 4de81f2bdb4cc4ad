namespace Platform.Gateway.Models;

public sealed record LoadBalancingSaved(string Message, LoadBalancingView LoadBalancing);
