using Platform.Providers.Accounting;

namespace Platform.Gateway.Dashboard.Monitoring;

/// <summary>One registered model at one moment: the router's view of its deployment and its calls of the last minute.</summary>
public sealed record ModelSample(
    string Id,
    string ModelName,
    string ModelType,
    bool Enabled,
    string Health,
    bool CircuitOpen,
    int InFlight,
    IReadOnlyList<string> Fallbacks,
    PerformanceSummary LastMinute);
