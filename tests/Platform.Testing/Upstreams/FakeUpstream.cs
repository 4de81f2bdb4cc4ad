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

namespace Platform.Testing.Upstreams;

/// <summary>
/// An in-process Kestrel server on loopback that records every request and answers as one provider
/// protocol does; subclasses write the protocol's bodies, streams and errors. Records what it saw: calls,
/// their timing, and the highest number of requests in flight at once.
/// </summary>
public abstract class FakeUpstream : IAsyncDisposable
{
    public const int PromptTokens = 12;
    public const int CompletionTokens = 7;

    private readonly ConcurrentDictionary<(string Path, string? Model, string Prompt), int> _attempts = new();
    private WebApplication _app = null!;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The base URL to configure the model with (a path prefix, ending in a slash).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Func<UpstreamCall, UpstreamReply> Respond { get; set; }

    public ConcurrentQueue<UpstreamCall> Calls { get; } = new();

    /// <summary>Pause before each answer or error (a model's time to first token; a loopback model is never instant).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Pause before each streamed chunk (a slow model).</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Set when a client dropped a request before its answer was complete.</summary>
    public TaskCompletionSource ClientAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxConcurrency => Volatile.Read(ref _maxInFlight);

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
        var attempt = _attempts.AddOrUpdate(("/" + path, body["model"]?.GetValue<string>(), UpstreamCall.PromptOf(body)), 1, (_, seen) => seen + 1);
        var call = new UpstreamCall("/" + path, headers, body, attempt, DateTimeOffset.UtcNow);
        Calls.Enqueue(call);
        using var aborted = context.RequestAborted.Register(() => ClientAborted.TrySetResult());
        RaiseMaxConcurrency(Interlocked.Increment(ref _inFlight));
        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await PreciseDelay.WaitAsync(Latency, context.RequestAborted);
            }

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
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void RaiseMaxConcurrency(int inFlight)
    {
        for (var seen = Volatile.Read(ref _maxInFlight); inFlight > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) == seen)
            {
                return;
            }
        }
    }
}
