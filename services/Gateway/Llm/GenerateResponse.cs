using System.Text.Json.Serialization;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

public sealed record GenerateResponse(string Id, string Model, IReadOnlyList<GenerateChoice> Choices, UsageView Usage, CostView Cost);
