using System.Text.Json.Serialization;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

public sealed record ResponseTimes(long AverageMs, long P50Ms, long P95Ms, long P99Ms);
