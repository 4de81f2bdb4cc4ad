using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.Gateway.Chat;
using Platform.Providers.Extraction;

namespace Platform.Gateway.Inference;

/// <summary>
/// How each task asks a chat model, and how its answer becomes the task's result: the conversation as given
/// for chat, an instruction plus the text for the others; labels and sentiment are asked for as JSON.
/// </summary>
public static class InferencePrompts
{
    public static readonly string[] SentimentLabels = ["positive", "negative", "neutral"];

    /// <summary>The turns to send; throws <see cref="InferenceException"/> naming the missing or wrong field.</summary>
    public static IReadOnlyList<ChatTurn?> Turns(string task, InferenceData? data, InferenceRequestOptions? options)
    {
        if (task == InferenceTasks.Chat)
        {
            return data?.Messages ?? throw InferenceException.Invalid("data.messages", "data.messages must be an array of {role, content} messages");
        }

        var text = TextOf(data);
        return task switch
        {
            InferenceTasks.TextClassification => Classify(text, LabelsOf(options)),
            InferenceTasks.SentimentAnalysis => Classify(text, SentimentLabels),
            InferenceTasks.Summarization => [new("system", "Summarize the user's text concisely. Answer with the summary only."), new("user", text)],
            InferenceTasks.Translation =>
            [
                new("system", $"Translate the user's text{(options?.SourceLanguage is { Length: > 0 } from ? $" from {from}" : "")} into " +
                    $"{options?.TargetLanguage ?? "English"}. Answer with the translation only."),
                new("user", text),
            ],
            _ => [new("user", text)],
        };
    }

    /// <summary>data.inputs as one non-empty text.</summary>
    public static string TextOf(InferenceData? data) => data?.Inputs is { ValueKind: JsonValueKind.String } inputs && inputs.GetString() is { Length: > 0 } text
        ? text
        : throw InferenceException.Invalid("data.inputs", "data.inputs must be a non-empty string");

    /// <summary>data.inputs as the texts to embed: one text or an array of them.</summary>
    public static IReadOnlyList<string> TextsOf(InferenceData? data, int maxTexts)
    {
        if (data?.Inputs is { ValueKind: JsonValueKind.Array } array)
        {
            var texts = array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null).ToList();
            return texts.Count is > 0 and var count && count <= maxTexts && texts.All(text => !string.IsNullOrEmpty(text))
                ? texts.Select(text => text!).ToList()
                : throw InferenceException.Invalid("data.inputs", $"data.inputs must be a non-empty string or an array of 1 to {maxTexts} non-empty strings");
        }

        return [TextOf(data)];
    }

    /// <summary>What the task's answer means: generated text, a message, a label with its score, a summary or a translation.</summary>
    public static object Result(string task, string answer, InferenceRequestOptions? options) => task switch
    {
        InferenceTasks.Chat => new { message = new ChatTurn("assistant", answer) },
        InferenceTasks.TextClassification => LabelOf(answer, LabelsOf(options)),
        InferenceTasks.SentimentAnalysis => LabelOf(answer, SentimentLabels),
        InferenceTasks.Summarization => new { summary_text = answer.Trim() },
        InferenceTasks.Translation => new { translation_text = answer.Trim() },
        _ => new { generated_text = answer },
    };

    private static IReadOnlyList<string> LabelsOf(InferenceRequestOptions? options) =>
        options?.Labels is { Count: > 0 } labels && labels.All(label => !string.IsNullOrWhiteSpace(label))
            ? [.. labels.Select(label => label!)]
            : throw InferenceException.Invalid("options.labels", "options.labels must be a non-empty array of labels for text-classification");

    private static ChatTurn[] Classify(string text, IReadOnlyList<string> labels) =>
    [
        new("system", $"Classify the user's text as exactly one of these labels: {string.Join(", ", labels)}. " +
            """Answer only with JSON: {"label": "<one of the labels>", "score": <confidence from 0 to 1>}."""),
        new("user", text),
    ];

    /// <summary>The label a model chose: from its JSON (`label`, or `sentiment` as many models name it), else the first label its text names.</summary>
    private static object LabelOf(string answer, IReadOnlyList<string> labels)
    {
        var extracted = JsonAnswerExtractor.Extract(answer);
        var json = extracted.Json is { ValueKind: JsonValueKind.Object } found ? found : (JsonElement?)null;
        var label = (json?.TryGetProperty("label", out var given) == true || json?.TryGetProperty("sentiment", out given) == true)
                    && given.ValueKind == JsonValueKind.String
            ? given.GetString()!
            : labels.FirstOrDefault(candidate => answer.Contains(candidate, StringComparison.OrdinalIgnoreCase)) ?? answer.Trim();
        var score = json?.TryGetProperty("score", out var value) == true && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : extracted.Confidence;
        return new { label, score, labels };
    }

    /// <summary>The images of a multimodal request as the chat message's contents, after its text.</summary>
    public static IList<AIContent> ImagesOf(InferenceData? data)
    {
        if (data?.Images is not { Count: > 0 } images)
        {
            throw InferenceException.Invalid("data.images", "data.images must be a non-empty array of image URLs, data URIs or base64 strings");
        }

        return [.. images.Select((image, index) => ImageOf(image, $"data.images[{index}]"))];
    }

    private static AIContent ImageOf(string? image, string field)
    {
        if (Uri.TryCreate(image, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return new UriContent(uri, "image/*");
        }

        if (image is not null && image.StartsWith("data:image/", StringComparison.Ordinal))
        {
            return new DataContent(image);
        }

        var bytes = new byte[((image?.Length ?? 0) * 3 / 4) + 3];
        return image is { Length: > 0 } && Convert.TryFromBase64String(image, bytes, out var length)
            ? new DataContent(bytes.AsMemory(0, length), MediaTypeOf(bytes))
            : throw InferenceException.Invalid(field, $"{field} must be an http(s) URL, a data:image/... URI or base64-encoded image bytes");
    }

    /// <summary>The format from the file's first bytes, as vision APIs want a media type with base64 data.</summary>
    private static string MediaTypeOf(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, ..] => "image/jpeg",
        [0x47, 0x49, 0x46, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, ..] => "image/webp",
        _ => "image/png",
    };
}
