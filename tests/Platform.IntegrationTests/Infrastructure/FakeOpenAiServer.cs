using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>One request the fake received.</summary>
/// <param name="Attempt">How many times this model has now seen this exact prompt (1 for the first).</param>
public sealed record FakeCall(string Model, string Prompt, int Attempt, DateTimeOffset ReceivedAt, string? Authorization, JsonObject Body);

/// <summary>What the fake answers.</summary>
public abstract record FakeReply
{
    public static FakeReply Json(string content) => new Answer(content);
    public static FakeReply Status(int status, string message, string? retryAfter = null) => new Failure(status, message, retryAfter);

    public sealed record Answer(string Content) : FakeReply;
    public sealed record Failure(int StatusCode, string Message, string? RetryAfter) : FakeReply;
}

/// <summary>
/// An OpenAI-compatible chat-completions server on loopback, speaking the real wire format (JSON
/// bodies, error objects, `Retry-After`), with scripted answers and failures and a record of what it
/// saw: calls, timing and the highest number of concurrent requests.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string DefaultAnswer = """{"sentiment": "positive", "confidence": 0.9, "reasoning": "fake"}""";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Model, string Prompt), int> _attempts = new();
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Base URL for `model_type: openai`-style configs (`/v1/`).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Base URL shaped like Zhipu's (`/api/paas/v4/`).</summary>
    public Uri ZhipuBaseUrl => new(BaseUrl, "/api/paas/v4/");

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Decides each reply; the default answers <see cref="DefaultAnswer"/>.</summary>
    public Func<FakeCall, FakeReply> Respond { get; set; } = _ => FakeReply.Json(DefaultAnswer);

    public ConcurrentQueue<FakeCall> Calls { get; } = new();

    /// <summary>When set, a streamed answer (`"stream": true`) drops the connection after this many SSE chunks.</summary>
    public int? AbortStreamAfterChunks { get; set; }
    public int MaxConcurrency => Volatile.Read(ref _maxInFlight);
    public int InFlight => Volatile.Read(ref _inFlight);

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(new Uri(address), "/v1/");
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context, string path)
    {
        var embeddings = path.EndsWith("embeddings", StringComparison.Ordinal);
        if (!embeddings && !path.EndsWith("chat/completions", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var model = body["model"]!.GetValue<string>();
        var prompt = embeddings ? body["input"]!.ToJsonString() : body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        var attempt = _attempts.AddOrUpdate((model, prompt), 1, (_, seen) => seen + 1);
        var call = new FakeCall(model, prompt, attempt, DateTimeOffset.UtcNow, context.Request.Headers.Authorization, body);
        Calls.Enqueue(call);

        var inFlight = Interlocked.Increment(ref _inFlight);
        UpdateMax(inFlight);
        try
        {
            await Task.Delay(Latency, context.RequestAborted);
            var reply = Respond(call);
            if (embeddings && reply is FakeReply.Answer)
            {
                await context.Response.WriteAsJsonAsync(Embeddings(model, body["input"]!.AsArray()), JsonOptions);
            }
            else if (reply is FakeReply.Answer answer && body["stream"]?.GetValue<bool>() == true)
            {
                await StreamAsync(context, model, answer.Content, body["stream_options"]?["include_usage"]?.GetValue<bool>() == true);
            }
            else
            {
                await WriteReplyAsync(context, model, reply);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static Task WriteReplyAsync(HttpContext context, string model, FakeReply reply)
    {
        switch (reply)
        {
            case FakeReply.Failure failure:
                context.Response.StatusCode = failure.StatusCode;
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                return context.Response.WriteAsJsonAsync(new { error = new { message = failure.Message, type = "fake_error", code = failure.StatusCode } });
            case FakeReply.Answer answer:
                return context.Response.WriteAsJsonAsync(new
                {
                    id = $"chatcmpl-{Guid.NewGuid():N}",
                    @object = "chat.completion",
                    created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = answer.Content }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 12, completion_tokens = 7, total_tokens = 19 },
                }, JsonOptions);
            default:
                throw new InvalidOperationException($"Unknown reply {reply}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new();

    /// <summary>OpenAI's embeddings answer: each input's vector is [its length, its index, 1].</summary>
    private static object Embeddings(string model, JsonArray inputs) => new
    {
        @object = "list",
        data = inputs.Select((input, index) => new { @object = "embedding", index, embedding = new[] { input!.GetValue<string>().Length, index, 1f } }),
        model,
        usage = new { prompt_tokens = 3 * inputs.Count, total_tokens = 3 * inputs.Count },
    };

    /// <summary>Server-sent `chat.completion.chunk`s: the content a few characters at a time, the finish reason, usage on request, `[DONE]`.</summary>
    private async Task StreamAsync(HttpContext context, string model, string content, bool includeUsage)
    {
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var chunks = new List<string>();
        object Chunk(object[] choices, object? usage = null) =>
            new { id, @object = "chat.completion.chunk", created, model, choices, usage };

        chunks.Add(JsonSerializer.Serialize(Chunk([new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)null }])));
        for (var start = 0; start < content.Length; start += 8)
        {
            var piece = content.Substring(start, Math.Min(8, content.Length - start));
            chunks.Add(JsonSerializer.Serialize(Chunk([new { index = 0, delta = new { content = piece }, finish_reason = (string?)null }])));
        }

        chunks.Add(JsonSerializer.Serialize(Chunk([new { index = 0, delta = new { }, finish_reason = "stop" }])));
        if (includeUsage)
        {
            chunks.Add(JsonSerializer.Serialize(Chunk([], new { prompt_tokens = 12, completion_tokens = 7, total_tokens = 19 })));
        }

        chunks.Add("[DONE]");
        context.Response.ContentType = "text/event-stream";
        for (var index = 0; index < chunks.Count; index++)
        {
            if (index == AbortStreamAfterChunks)
            {
                context.Abort();
                return;
            }

            await context.Response.WriteAsync($"data: {chunks[index]}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private void UpdateMax(int value)
    {
        for (var seen = Volatile.Read(ref _maxInFlight); value > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, value, seen) == seen)
            {
                return;
            }
        }
    }
}
