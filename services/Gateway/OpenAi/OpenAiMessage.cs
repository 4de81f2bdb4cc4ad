using System.Text.Json;
using Platform.Gateway.Chat;

namespace Platform.Gateway.OpenAi;

/// <summary>`content` is a string, or (newer clients) an array of parts of which the text parts are read.</summary>
public sealed record OpenAiMessage(string? Role, JsonElement Content)
{
    public ChatTurn ToTurn() => new(Role, Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString(),
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(part => part.GetProperty("text").GetString())),
        _ => null,
    });
}
