using System.Text.Json.Serialization;

namespace Platform.Gateway.Realtime;

/// <summary>A generated piece; seed 002's sketch reads it as `token`, streaming clients as `content`.</summary>
public sealed record TokenReply(string? RequestId, string Content)
{
    [JsonPropertyOrder(-1)]
    public string Type => "token";
    public string Token => Content;
}
