using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Realtime;

public sealed record ErrorReply(string? RequestId, ErrorDetail Error)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}
