using System.Text.Json.Serialization;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

public sealed record HealthResponse(string Status, DateTime Timestamp, HealthServices Services, ModelHealthCounts Models);
