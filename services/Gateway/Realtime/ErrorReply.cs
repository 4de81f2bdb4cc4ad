using System.Text.Json.Serialization;

namespace Platform.Gateway.Realtime;

public sealed record ErrorReply(string? RequestId, ErrorDetail Error)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}
