namespace Platform.Providers.Routing;

public enum BalancingStrategy
{
    RoundRobin,
    Weighted,
    LeastLatency,
    LeastBusy,
}
