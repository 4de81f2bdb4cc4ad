namespace Platform.Gateway.Chat;

/// <summary>One message of a conversation as the seed 003, OpenAI and WebSocket APIs carry it.</summary>
public sealed record ChatTurn(string? Role, string? Content);
