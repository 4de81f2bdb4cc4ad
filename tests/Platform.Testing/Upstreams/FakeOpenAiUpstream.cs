using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.Testing.Upstreams;

/// <summary>
/// OpenAI's chat-completions wire protocol on <see cref="FakeUpstream"/>: whole answers with usage,
/// `chat.completion.chunk` streams (usage when `stream_options.include_usage`), `[DONE]`, and errors
/// with `Retry-After`. Inherits slow streams (<see cref="FakeUpstream.ChunkDelay"/>) and the record of a
/// client that dropped the request (<see cref="FakeUpstream.ClientAborted"/>).
/// </summary>
public sealed class FakeOpenAiUpstream : FakeUpstream
{
    /// <summary>JSON, as annotation prompts ask for, with text in two scripts so that streams split multi-byte characters.</summary>
    public const string Answer = """{"sentiment": "positive", "confidence": 0.95, "labels": ["积极", "愉快"]}""";

    private FakeOpenAiUpstream(string defaultAnswer) : base(defaultAnswer)
    {
    }

    /// <summary>Starts a fake that answers <paramref name="defaultAnswer"/> until <see cref="FakeUpstream.Respond"/> says otherwise.</summary>
    public static Task<FakeOpenAiUpstream> StartAsync(string defaultAnswer = Answer) => StartAsync(new FakeOpenAiUpstream(defaultAnswer), "/v1/");

    /// <summary>The same server under a base URL shaped like Zhipu's (`/api/paas/v4/`).</summary>
    public Uri ZhipuBaseUrl => new(BaseUrl, "/api/paas/v4/");

    /// <summary>Calls for one upstream model name.</summary>
    public int CallsFor(string model) => Calls.Count(call => call.Model == model);

    protected override string StreamContentType => "text/event-stream";

    /// <summary>
    /// Embeddings answer each input with [its length, 0.5, -0.5], as OpenAI does or (`:batchEmbedContents`) as Gemini's native
    /// API does; other paths are chat completions.
    /// </summary>
    protected override Task WriteAnswerAsync(HttpContext context, UpstreamCall request, string content) =>
        request.Path.EndsWith(":batchEmbedContents", StringComparison.Ordinal)
            ? context.Response.WriteAsJsonAsync(new
            {
                embeddings = request.Body["requests"]!.AsArray().Select(item =>
                    new { values = new[] { item!["content"]!["parts"]![0]!["text"]!.GetValue<string>().Length, 0.5, -0.5 } }),
            })
            : request.Path.EndsWith("/embeddings", StringComparison.Ordinal)
            ? context.Response.WriteAsJsonAsync(new
            {
                @object = "list",
                data = request.Body["input"]!.AsArray().Select((input, index) =>
                    new { @object = "embedding", index, embedding = new[] { input!.GetValue<string>().Length, 0.5, -0.5 } }),
                model = request.Model,
                usage = new { prompt_tokens = PromptTokens, total_tokens = PromptTokens },
            })
            : context.Response.WriteAsJsonAsync(new
        {
            id = $"chatcmpl-{Guid.NewGuid():N}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = request.Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
        });

    protected override IEnumerable<string> StreamChunks(UpstreamCall request, string content)
    {
        var model = request.Model;
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Chunk(object[] choices, object? usage = null) =>
            $"data: {JsonSerializer.Serialize(new { id, @object = "chat.completion.chunk", created, model, choices, usage })}\n\n";

        yield return Chunk([new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)null }]);
        foreach (var piece in Pieces(content))
        {
            yield return Chunk([new { index = 0, delta = new { content = piece }, finish_reason = (string?)null }]);
        }

        yield return Chunk([new { index = 0, delta = new { }, finish_reason = "stop" }]);
        if (request.Body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            yield return Chunk([], new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens });
        }

        yield return "data: [DONE]\n\n";
    }

    protected override Task WriteErrorAsync(HttpContext context, UpstreamCall request, UpstreamReply.Failure failure)
    {
        context.Response.StatusCode = failure.StatusCode;
        if (failure.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = failure.RetryAfter;
        }

        return context.Response.WriteAsJsonAsync(new { error = new { message = failure.Message, type = "fake_error", param = (string?)null, code = (string?)null } });
    }
}
