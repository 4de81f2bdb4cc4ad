using System.Text.Json.Serialization;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's `POST /generate` and `/generate/stream` body.</summary>
public sealed record GenerateRequest(string? Model, List<ChatTurn?>? Messages, GenerateParameters? Parameters);
