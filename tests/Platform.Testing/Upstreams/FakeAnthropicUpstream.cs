using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.Testing.Upstreams;

/// <summary>Anthropic's Messages API: `POST /v1/messages`, SSE streams, `{"type":"error","error":{…}}` errors with `retry-after`.</summary>
public sealed class FakeAnthropicUpstream : FakeUpstream
{
    private FakeAnthropicUpstream() : base(FakeAnswers.Sentiment)
    {
    }

    public static Task<FakeAnthropicUpstream> StartAsync() => StartAsync(new FakeAnthropicUpstream(), "/");

    protected override string StreamContentType => "text/event-stream";

    protected override Task WriteAnswerAsync(HttpContext context, UpstreamCall request, string content) =>
        context.Response.WriteAsJsonAsync(new
        {
            id = "msg_fake",
            type = "message",
            role = "assistant",
            model = request.Body["model"]?.GetValue<string>(),
            content = new[] { new { type = "text", text = content } },
            stop_reason = "end_turn",
            stop_sequence = (string?)null,
            usage = new { input_tokens = PromptTokens, output_tokens = CompletionTokens },
        });

    protected override IEnumerable<string> StreamChunks(UpstreamCall request, string content)
    {
        yield return Event("message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_fake", type = "message", role = "assistant", model = request.Body["model"]?.GetValue<string>(),
                content = Array.Empty<object>(), stop_reason = (string?)null,
                usage = new { input_tokens = PromptTokens, output_tokens = 1 },
            },
        });
        yield return Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
        yield return Event("ping", new { type = "ping" });
        foreach (var piece in Pieces(content))
        {
            yield return Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } });
        }

        yield return Event("content_block_stop", new { type = "content_block_stop", index = 0 });
        yield return Event("message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = "end_turn", stop_sequence = (string?)null },
            usage = new { output_tokens = CompletionTokens },
        });
        yield return Event("message_stop", new { type = "message_stop" });
    }

    protected override Task WriteErrorAsync(HttpContext context, UpstreamCall request, UpstreamReply.Failure failure)
    {
        context.Response.StatusCode = failure.StatusCode;
        if (failure.RetryAfter is not null)
        {
            context.Response.Headers["retry-after"] = failure.RetryAfter;
        }

        var type = failure.StatusCode switch
        {
            401 => "authentication_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        };
        return context.Response.WriteAsJsonAsync(new { type = "error", error = new { type, message = failure.Message } });
    }

    private static string Event(string name, object data) => $"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n";
}
