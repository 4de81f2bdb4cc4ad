using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.OpenAi;

namespace Platform.IntegrationTests.Interactive;

/// <summary>
/// A Gateway of its own with registered models on fake OpenAI-compatible upstreams: one that answers
/// (or fails, by upstream model name), three slow streamers, one per disconnect test, each noticing
/// when the Gateway drops its request, and a slow streamer whose connection breaks after its third chunk.
/// </summary>
public sealed class InteractiveGateway : IAsyncDisposable
{
    public const decimal InputPer1K = 0.5m;
    public const decimal OutputPer1K = 1.5m;
    public const int TimeoutSeconds = 2;
    public const int RetryAfterSeconds = 7;

    /// <summary>After the upstream's 429 its deployment backs off, and later callers are told the time that is left of it.</summary>
    public const string BackOffNote = "Retry-After is the upstream's advertised wait, or what remains of the deployment's back-off";

    private ServiceProcess _gateway = null!;

    public FakeOpenAiUpstream Upstream { get; private set; } = null!;
    public FakeOllamaUpstream Ollama { get; private set; } = null!;
    public Dictionary<string, FakeOpenAiUpstream> SlowStreams { get; } = [];
    public HttpClient Client { get; private set; } = null!;
    public Uri Url { get; private set; } = null!;

    public static async Task<InteractiveGateway> StartAsync()
    {
        var stack = new InteractiveGateway { Upstream = await FakeOpenAiUpstream.StartAsync(), Ollama = await FakeOllamaUpstream.StartAsync() };
        stack.Upstream.Respond = call => call.Body["model"]?.GetValue<string>() switch
        {
            "up-limited" => UpstreamReply.Error(429, "Rate limit reached for requests", RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "up-down" => UpstreamReply.Error(503, "The engine is currently overloaded"),
            _ => UpstreamReply.Text(FakeOpenAiUpstream.Answer),
        };

        var settings = new Dictionary<string, string> { ["Interactive__TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var models = new List<(string Name, string UpstreamModel, FakeUpstream Fake)>
        {
            ("chat-model", "up-chat", stack.Upstream),
            ("ledger-model", "up-ledger", stack.Upstream),
            ("limited-model", "up-limited", stack.Upstream),
            ("down-model", "up-down", stack.Upstream),
        };
        // Embeddings over each protocol that has them, one kind without them, and a failing model that falls back.
        var kinds = new Dictionary<string, string>
        {
            ["embed-ollama"] = "ollama", ["embed-gemini"] = "gemini", ["embed-zhipu"] = "zhipu_glm", ["embed-claude"] = "anthropic",
        };
        models.AddRange([("embed-ollama", "nomic-embed-text", stack.Ollama), ("embed-gemini", "text-embedding-004", stack.Upstream),
            ("embed-zhipu", "embedding-3", stack.Upstream), ("embed-claude", "claude-3-5-haiku-latest", stack.Upstream),
            ("embed-fallback", "up-down", stack.Upstream)]);
        settings[$"Llm__Models__{models.Count - 1}__FallbackModels__0"] = "chat-model";
        foreach (var name in (string[])["slow-sse", "slow-v1", "slow-ws"])
        {
            var slow = await FakeOpenAiUpstream.StartAsync();
            slow.ChunkDelay = TimeSpan.FromMilliseconds(100);
            slow.Respond = _ => UpstreamReply.Text(string.Concat(Enumerable.Repeat("tick tock ", 400))); // ~50 s at 8 characters a chunk
            stack.SlowStreams[name] = slow;
            models.Add((name, "up-slow", slow));
        }

        // Slow enough that the chunks before the break are read (a reset discards unread data).
        var broken = await FakeOpenAiUpstream.StartAsync();
        broken.ChunkDelay = TimeSpan.FromMilliseconds(100);
        broken.Respond = _ => UpstreamReply.BrokenStream(FakeOpenAiUpstream.Answer, chunks: 3);
        stack.SlowStreams["broken-sse"] = broken;
        models.Add(("broken-sse", "up-broken", broken));

        for (var index = 0; index < models.Count; index++)
        {
            var (name, upstreamModel, fake) = models[index];
            settings[$"Llm__Models__{index}__Id"] = name;
            settings[$"Llm__Models__{index}__ModelType"] = kinds.GetValueOrDefault(name, "openai");
            settings[$"Llm__Models__{index}__ModelName"] = upstreamModel;
            settings[$"Llm__Models__{index}__BaseUrl"] = fake.BaseUrl.ToString();
            settings[$"Llm__Models__{index}__ApiKey"] = "sk-upstream-secret";
            settings[$"Llm__Models__{index}__InputPer1KTokens"] = InputPer1K.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Llm__Models__{index}__OutputPer1KTokens"] = OutputPer1K.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        stack.Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        stack._gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, stack.Url.ToString(), settings);
        await stack._gateway.WaitReadyAsync(new Uri(stack.Url, "health/ready"), TimeSpan.FromSeconds(90));
        // Every whole `/v1` answer a test reads is checked against OpenAI's published schemas on the way.
        stack.Client = new HttpClient(new OpenAiSchemaCheck()) { BaseAddress = stack.Url, Timeout = TimeSpan.FromSeconds(60) };
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        await Ollama.DisposeAsync();
        foreach (var slow in SlowStreams.Values)
        {
            await slow.DisposeAsync();
        }
    }

    /// <summary>Posts JSON and returns the status and parsed body.</summary>
    public async Task<(int Status, JsonNode Body, HttpResponseMessage Response)> PostAsync(string path, object body)
    {
        var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!, response);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Opens a server-sent-event stream and yields each `data:` payload as it arrives.</summary>
    public static async IAsyncEnumerable<string> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                yield return line["data: ".Length..];
            }
        }
    }

    public static HttpRequestMessage JsonRequest(string path, object body) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
}
