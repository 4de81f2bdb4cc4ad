using Platform.Contracts.Http.Models;
using System.Text.Json.Serialization;
using Platform.Providers.Models;

namespace Platform.Gateway.Models;

public sealed record LlmModelStatus(string ModelId, string Status, string Health, double? ResponseTimeMs, DateTimeOffset? LastCheck,
    double ErrorRate);
