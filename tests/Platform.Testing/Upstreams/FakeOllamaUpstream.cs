using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.Testing.Upstreams;

/// <summary>
/// Ollama's native API: `POST /api/chat`, NDJSON streams ending with `done: true`, `{"error": …}` errors, and `POST /api/embed`
/// (each input's vector is [its length, 1, 2]).
/// </summary>
public sealed class FakeOllamaUpstream : FakeUpstream
{
    private FakeOllamaUpstream() : base(FakeAnswers.Sentiment)
    {
    }

    public static Task<FakeOllamaUpstream> StartAsync() => StartAsync(new FakeOllamaUpstream(), "/");

    protected override string StreamContentType => "application/x-ndjson";

    protected override Task WriteAnswerAsync(HttpContext context, UpstreamCall request, string content) =>
        context.Response.WriteAsJsonAsync(request.Path == "/api/embed"
            ? new
            {
                model = Model(request),
                embeddings = request.Body["input"]!.AsArray().Select(input => new[] { input!.GetValue<string>().Length, 1, 2 }),
                prompt_eval_count = PromptTokens,
            }
            : Final(request, content));

    /// <summary>`GET /api/tags`: the models pulled locally.</summary>
    protected override Task WriteGetAsync(HttpContext context, UpstreamCall request) =>
        request.Path == "/api/tags"
            ? context.Response.WriteAsJsonAsync(new { models = new[] { new { name = "llama2:latest", model = "llama2:latest", size = 3_826_793_677 } } })
            : base.WriteGetAsync(context, request);

    protected override IEnumerable<string> StreamChunks(UpstreamCall request, string content)
    {
        foreach (var piece in Pieces(content))
        {
            yield return Line(new
            {
                model = Model(request), created_at = "2025-01-01T00:00:00Z",
                message = new { role = "assistant", content = piece }, done = false,
            });
        }

        yield return Line(Final(request, ""));
    }

    protected override Task WriteErrorAsync(HttpContext context, UpstreamCall request, UpstreamReply.Failure failure)
    {
        context.Response.StatusCode = failure.StatusCode;
        if (failure.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = failure.RetryAfter;
        }

        return context.Response.WriteAsJsonAsync(new { error = failure.Message });
    }

    private static object Final(UpstreamCall request, string content) => new
    {
        model = Model(request),
        created_at = "2025-01-01T00:00:00Z",
        message = new { role = "assistant", content },
        done = true,
        done_reason = "stop",
        total_duration = 1_000_000,
        prompt_eval_count = PromptTokens,
        eval_count = CompletionTokens,
    };

    private static string? Model(UpstreamCall request) => request.Body["model"]?.GetValue<string>();

    private static string Line(object value) => JsonSerializer.Serialize(value) + "\n";
}
