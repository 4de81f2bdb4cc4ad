namespace Platform.Gateway.Models;

public sealed record LlmModelStatus(string ModelId, string Status, string Health, double? ResponseTimeMs, DateTimeOffset? LastCheck,
    double ErrorRate);
