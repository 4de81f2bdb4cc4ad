using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.IntegrationTests.Providers.Fakes;

/// <summary>One request a fake upstream received, as it came over the wire.</summary>
/// <param name="Attempt">1 for the first request this fake saw, 2 for the second, …</param>
public sealed record UpstreamCall(string Path, IReadOnlyDictionary<string, string> Headers, JsonObject Body, int Attempt,
    DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public bool Streaming => Body["stream"]?.GetValue<bool>() == true;
}

/// <summary>What a fake upstream answers, in its own protocol's shape.</summary>
public abstract record UpstreamReply
{
    /// <summary>The model's answer text (for HuggingFace: the classification body, raw JSON).</summary>
    public static UpstreamReply Text(string content) => new Answer(content, null);

    /// <summary>Streams the answer and drops the connection after <paramref name="chunks"/> chunks.</summary>
    public static UpstreamReply BrokenStream(string content, int chunks) => new Answer(content, chunks);

    /// <summary>An error in the protocol's format; <paramref name="retryAfter"/> is seconds, sent the way the protocol advertises it.</summary>
    public static UpstreamReply Error(int status, string message, string? retryAfter = null) => new Failure(status, message, retryAfter);

    public sealed record Answer(string Content, int? AbortAfterChunks) : UpstreamReply;

    public sealed record Failure(int StatusCode, string Message, string? RetryAfter) : UpstreamReply;
}

/// <summary>
/// An in-process Kestrel server on loopback that records every request and answers as one provider
/// protocol does; subclasses write the protocol's bodies, streams and errors.
/// </summary>
public abstract class FakeUpstream : IAsyncDisposable
{
    public const int PromptTokens = 12;
    public const int CompletionTokens = 7;

    private WebApplication _app = null!;
    private int _attempts;

    /// <summary>The base URL to configure the model with (a path prefix, ending in a slash).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Func<UpstreamCall, UpstreamReply> Respond { get; set; }

    public ConcurrentQueue<UpstreamCall> Calls { get; } = new();

    /// <summary>Pause before each streamed chunk (a slow model).</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Set when a client dropped a request before its answer was complete.</summary>
    public TaskCompletionSource ClientAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected FakeUpstream(string defaultAnswer) => Respond = _ => UpstreamReply.Text(defaultAnswer);

    protected static async Task<T> StartAsync<T>(T fake, string basePath) where T : FakeUpstream
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.MapPost("/{**path}", fake.HandleAsync);
        fake._app.MapGet("/{**path}", fake.HandleAsync);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUrl = new Uri(new Uri(address), basePath);
        return fake;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _app.DisposeAsync();
    }

    protected abstract Task WriteAnswerAsync(HttpContext context, UpstreamCall request, string content);

    /// <summary>The stream's wire chunks (each written and flushed on its own), from first to last.</summary>
    protected abstract IEnumerable<string> StreamChunks(UpstreamCall request, string content);

    protected abstract string StreamContentType { get; }

    protected abstract Task WriteErrorAsync(HttpContext context, UpstreamCall request, UpstreamReply.Failure failure);

    /// <summary>Answers a GET (a listing such as Ollama's `api/tags`); none by default.</summary>
    protected virtual Task WriteGetAsync(HttpContext context, UpstreamCall request)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Splits an answer into small pieces, as models stream a few tokens at a time.</summary>
    protected static IEnumerable<string> Pieces(string content, int size = 8)
    {
        for (var start = 0; start < content.Length; start += size)
        {
            yield return content.Substring(start, Math.Min(size, content.Length - start));
        }
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        var body = HttpMethods.IsGet(context.Request.Method) ? [] : (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
        var headers = context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString());
        var call = new UpstreamCall("/" + path, headers, body, Interlocked.Increment(ref _attempts), DateTimeOffset.UtcNow);
        Calls.Enqueue(call);
        using var aborted = context.RequestAborted.Register(() => ClientAborted.TrySetResult());
        try
        {
            switch (Respond(call))
            {
                case UpstreamReply.Failure failure:
                    await WriteErrorAsync(context, call, failure);
                    break;
                case UpstreamReply.Answer when HttpMethods.IsGet(context.Request.Method):
                    await WriteGetAsync(context, call);
                    break;
                case UpstreamReply.Answer answer when call.Streaming || answer.AbortAfterChunks is not null:
                    context.Response.ContentType = StreamContentType;
                    var written = 0;
                    foreach (var chunk in StreamChunks(call, answer.Content))
                    {
                        if (written == answer.AbortAfterChunks)
                        {
                            context.Abort();
                            return;
                        }

                        if (ChunkDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(ChunkDelay, context.RequestAborted);
                        }

                        await context.Response.WriteAsync(chunk, context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        written++;
                    }

                    break;
                case UpstreamReply.Answer answer:
                    await WriteAnswerAsync(context, call, answer.Content);
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
    }
}
