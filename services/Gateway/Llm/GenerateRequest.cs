using Platform.Gateway.Chat;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's `POST /generate` and `/generate/stream` body.</summary>
public sealed record GenerateRequest(string? Model, List<ChatTurn?>? Messages, GenerateParameters? Parameters);
