namespace Platform.Contracts.Http.Routes;

/// <summary>
/// The TransformerWorker's public operations: seed 002's REST API. Its OpenAI-compatible `/v1` and its `/cache` routes are
/// not here: the Gateway calls them itself (as the local provider, and for seed 001's model cache), it does not forward them.
/// </summary>
public static class TransformerOperations
{
    private const string Tag = "Transformer";

    public static readonly HttpOperation Initialize = new("GET", "/api/v1/initialize", Tag,
        "Load a model from a config JSON (?config=...) on every replica; absent fields take their defaults");
    public static readonly HttpOperation Forward = new("POST", "/api/v1/forward", Tag,
        "Forward pass over a text: logits shape, optionally captured internals");
    public static readonly HttpOperation Status = new("GET", "/api/v1/status", Tag, "The current model, its size and inference statistics");
    public static readonly HttpOperation Health = new("GET", "/api/v1/health/health", Tag, "Model, memory and disk checks of the transformer worker");
    public static readonly HttpOperation Ping = new("GET", "/api/v1/health/ping", Tag, "Answers PONG");

    public static IReadOnlyList<HttpOperation> All { get; } = [Initialize, Forward, Status, Health, Ping];
}
