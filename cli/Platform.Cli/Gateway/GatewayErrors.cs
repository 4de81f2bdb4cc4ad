using System.Text.Json;

namespace Platform.Cli.Gateway;

/// <summary>Turns a Gateway error answer into one line, whichever of its API families' shapes the body has.</summary>
public static class GatewayErrors
{
    public static async Task<string> DescribeAsync(HttpResponseMessage response, bool hasApiKey, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = MessageOf(body) ?? response.ReasonPhrase ?? "no details";
        var hint = response.StatusCode == System.Net.HttpStatusCode.Unauthorized && !hasApiKey
            ? " (pass --api-key or set PLATFORM_API_KEY)"
            : string.Empty;
        return $"The Gateway answered {(int)response.StatusCode}: {OneLine(message)}{hint}";
    }

    /// <summary>Seed 000's `{error, message}`, seed 003's `{error: {code, message}}` and OpenAI's `{error: {message}}`, or a problem's `detail`.</summary>
    private static string? MessageOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
            {
                return nested.GetString();
            }

            return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()
                : root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString()
                : null;
        }
        catch (JsonException)
        {
            // Not ours (a proxy's page, say): enough of it to recognise.
            return string.IsNullOrWhiteSpace(body) ? null : body[..Math.Min(body.Length, 200)];
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
