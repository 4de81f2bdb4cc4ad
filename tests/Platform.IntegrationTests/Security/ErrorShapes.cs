using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Security;

/// <summary>Each API family's documented error body, judged from what a client of that API reads.</summary>
public static class ErrorShapes
{
    /// <summary>Null when <paramref name="body"/> is an error of the family of <paramref name="path"/>, else what is wrong with it.</summary>
    public static string? Problem(string path, string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return $"not JSON: {Start(body)}";
        }

        var family = FamilyOf(path);
        var ok = json is JsonObject && family switch
        {
            "seed 003" => IsString(json["error"]?["code"]) && IsString(json["error"]?["message"]) && IsString(json["error"]?["request_id"]),
            "openai" => IsString(json["error"]?["message"]) && IsString(json["error"]?["type"]) && json["error"]!.AsObject().ContainsKey("param"),
            "seed 001" => json["success"]?.GetValue<bool>() == false && IsString(json["error"]?["code"]) && IsString(json["error"]?["type"])
                && IsString(json["error"]?["message"]),
            "seed 002" => IsString(json["detail"]) && IsString(json["error_code"]) && json["timestamp"] is not null,
            "websocket" => json["type"]?.GetValue<string>() == "error" && IsString(json["error"]?["code"]),
            _ => IsString(json["error"]) && IsString(json["message"]),
        };
        return ok ? null : $"not in {family}'s error shape: {Start(body)}";
    }

    public static string FamilyOf(string path) =>
        path.StartsWith("/api/llm/", StringComparison.Ordinal) || path.StartsWith("/api/v1/llm/", StringComparison.Ordinal) ? "seed 003"
        : path.StartsWith("/v1/", StringComparison.Ordinal) ? "openai"
        : path.StartsWith("/inference/", StringComparison.Ordinal) ? "seed 001"
        : path.StartsWith("/ws/", StringComparison.Ordinal) ? "websocket"
        : new[] { "/api/v1/initialize", "/api/v1/forward", "/api/v1/status", "/api/v1/health/" }.Any(path.StartsWith) ? "seed 002"
        : "seed 000";

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out _);

    private static string Start(string body) => body.Length <= 300 ? body : body[..300];
}
