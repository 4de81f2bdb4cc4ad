using System.Text.Json.Serialization;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

public sealed record PerformanceResponse(ResponseTimes ResponseTimes, double SuccessRate, double ErrorRate, Throughput Throughput);
