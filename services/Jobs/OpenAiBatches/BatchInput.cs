using System.Text;
using System.Text.Json;
using Platform.Jobs.Domain;
using Platform.Providers.Embeddings;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>
/// Reads a batch input file (JSONL of `{custom_id, method, url, body}`) and checks every line as OpenAI does: one endpoint
/// and one model per file, unique custom ids, at most <see cref="OpenAiBatchOptions.MaxLines"/> requests. Every bad line is
/// reported with its number, not just the first.
/// </summary>
public sealed record BatchInput(IReadOnlyList<BatchInputLine> Lines, IReadOnlyList<BatchLineError> Errors)
{
    /// <summary>Errors past this many are summed up in one last entry, so that a wholly wrong file gives a readable answer.</summary>
    public const int MaxErrorsShown = 100;

    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public string? Model => Lines.Count > 0 ? Lines[0].Model : null;

    public static async Task<BatchInput> ReadAsync(Stream content, string endpoint, int maxLines, CancellationToken cancellationToken)
    {
        var lines = new List<BatchInputLine>();
        var errors = new List<BatchLineError>();
        var customIds = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), leaveOpen: true);
        var number = 0;
        var requests = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (++requests > maxLines)
            {
                errors.Add(new BatchLineError("too_many_requests", $"A batch file holds at most {maxLines} requests; line {number} is one more", null, number));
                break;
            }

            var (line, error) = Check(text, number, endpoint, lines.Count > 0 ? lines[0].Model : null, customIds);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                lines.Add(line!);
            }
        }

        if (requests == 0)
        {
            errors.Add(new BatchLineError("empty_file", "The input file has no requests", null, null));
        }

        return new BatchInput(lines, errors.Count > MaxErrorsShown
            ? [.. errors.Take(MaxErrorsShown), new BatchLineError("too_many_errors", $"{errors.Count - MaxErrorsShown} more lines have errors", null, null)]
            : errors);
    }

    private static (BatchInputLine? Line, BatchLineError? Error) Check(string text, int number, string endpoint, string? model,
        HashSet<string> customIds)
    {
        (BatchInputLine?, BatchLineError?) Fail(string code, string message, string? param) =>
            (null, new BatchLineError(code, $"Line {number}: {message}", param, number));

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Fail("invalid_json_line", $"not valid JSON ({e.Message.Split(" Path:")[0]})", null);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("invalid_json_line", "a line must be a JSON object {custom_id, method, url, body}", null);
        }

        var customId = String(root, "custom_id");
        if (string.IsNullOrEmpty(customId) || StorableText.Problem(customId) is not null)
        {
            return Fail("invalid_custom_id", "custom_id must be a non-empty string of valid Unicode", "custom_id");
        }

        if (!customIds.Add(customId))
        {
            return Fail("duplicate_custom_id", $"custom_id '{customId}' is used by an earlier line; each must be unique", "custom_id");
        }

        if (String(root, "method") != "POST")
        {
            return Fail("invalid_method", "method must be \"POST\"", "method");
        }

        if (String(root, "url") != endpoint)
        {
            return Fail("mismatched_endpoint", $"url must be the batch's endpoint \"{endpoint}\"; a batch has one endpoint", "url");
        }

        if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return Fail("invalid_body", "body must be a JSON object: the request to send", "body");
        }

        if (String(body, "model") is not { Length: > 0 } lineModel)
        {
            return Fail("invalid_body", "body.model is required", "body.model");
        }

        if (model is not null && lineModel != model)
        {
            return Fail("mismatched_model", $"body.model is '{lineModel}' but earlier lines use '{model}'; a batch has one model", "body.model");
        }

        if ((endpoint == OpenAiBatchesApi.EmbeddingsEndpoint ? EmbeddingsProblem(body) : MessagesProblem(body)) is { } problem)
        {
            return Fail("invalid_body", problem.Message, problem.Param);
        }

        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            return Fail("invalid_body", "body.stream is not allowed in a batch", "body.stream");
        }

        return (new BatchInputLine(number, customId, body.GetRawText(), lineModel), null);
    }

    /// <summary>What `/v1/embeddings` itself would refuse, named as a field of the line's body.</summary>
    private static EmbeddingsRequestProblem? EmbeddingsProblem(JsonElement body)
    {
        try
        {
            return body.Deserialize<EmbeddingsRequestBody>()!.Problem() is { } problem
                ? new($"body.{problem.Message}", $"body.{problem.Param}")
                : null;
        }
        catch (JsonException)
        {
            return new("body.dimensions must be an integer and body.encoding_format a string", "body");
        }
    }

    private static EmbeddingsRequestProblem? MessagesProblem(JsonElement body) =>
        MessagesText(body) is { } problem ? new(problem, "body.messages") : null;

    private static string? MessagesText(JsonElement body)
    {
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return "body.messages must be a non-empty array";
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || String(message, "role") is not { } role || !Roles.Contains(role))
            {
                return $"body.messages[{index}].role must be one of {string.Join(", ", Roles)}";
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                return $"body.messages[{index}].content must be a string or an array of content parts";
            }

            index++;
        }

        return null;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
