using System.Text.Json.Serialization;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

public sealed record GenerateParameters(double? Temperature, int? MaxTokens, double? TopP, bool? Stream);
