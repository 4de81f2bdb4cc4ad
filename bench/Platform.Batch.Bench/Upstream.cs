using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Batch.Bench;

/// <summary>An OpenAI-compatible chat-completions endpoint that answers every prompt after a fixed latency and counts what it was asked.</summary>
internal sealed class Upstream : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""
        {"id":"chatcmpl-bench","object":"chat.completion","created":1767225600,"model":"bench-model",
         "choices":[{"index":0,"message":{"role":"assistant","content":"{\"sentiment\": \"positive\", \"confidence\": 0.9}"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}
        """);

    private readonly WebApplication _app;

    private Upstream(WebApplication app, TimeSpan latency) => (_app, Latency) = (app, latency);

    public TimeSpan Latency { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How many times each prompt was asked.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public static async Task<Upstream> StartAsync(TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new Upstream(app, latency);
        app.MapPost("/v1/chat/completions", async context =>
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var prompt = request.RootElement.GetProperty("messages")[0].GetProperty("content").GetString() ?? "";
            upstream.Calls.AddOrUpdate(prompt, 1, (_, count) => count + 1);
            await Task.Delay(latency);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        upstream.BaseUrl = new Uri(new Uri(address), "/v1/");
        return upstream;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
