using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using Platform.Providers.Telemetry;

namespace Platform.Providers.Clients;

/// <summary>Makes the <see cref="IChatClient"/> that speaks a model's wire protocol.</summary>
public sealed class ChatClientFactory(IHttpClientFactory httpClients, IOptions<ProvidersOptions> options, TimeProvider time)
{
    public const string HttpClientName = "providers";

    /// <summary>The operator's TransformerWorker: an internal service, so this client carries the platform's internal token.</summary>
    public const string LocalHttpClientName = "local-model";

    /// <summary>
    /// The protocol's client inside Microsoft.Extensions.AI's OpenTelemetry client, which gives each attempt
    /// a span with the GenAI semantic-convention attributes (model, token usage, finish reasons; contents
    /// and keys are never recorded) and the <c>gen_ai.client.*</c> metrics.
    /// </summary>
    public IChatClient Create(ResolvedModel model) => ProtocolClient(model).AsBuilder()
        .ConfigureOptions(options => options.ModelId ??= model.ModelName)
        .UseOpenTelemetry(sourceName: ProviderMetrics.SourceName)
        .Build();

    private IChatClient ProtocolClient(ResolvedModel model) => model.Kind.Protocol switch
    {
        WireProtocol.OpenAiCompatible when model.Kind.ModelType == ProviderKinds.Local =>
            new OpenAiCompatibleChatClient(model with { BaseUrl = LocalBaseUrl(model) }, HttpClientFor(model), time),
        WireProtocol.OpenAiCompatible => new OpenAiCompatibleChatClient(model, HttpClientFor(model), time),
        WireProtocol.Anthropic => new AnthropicChatClient(model, HttpClientFor(model), time),
        WireProtocol.Ollama => new OllamaChatClient(model, HttpClientFor(model), time),
        WireProtocol.HuggingFace => new HuggingFaceClassificationClient(model, HttpClientFor(model), time),
        _ => throw new NotSupportedException($"model_type '{model.Kind.ModelType}' is not supported by this deployment yet"),
    };

    /// <summary>The HTTP client for calls to <paramref name="model"/>'s endpoint (see <see cref="EndpointOf"/>).</summary>
    public HttpClient HttpClientFor(ResolvedModel model) =>
        httpClients.CreateClient(model.Kind.ModelType == ProviderKinds.Local ? LocalHttpClientName : HttpClientName);

    /// <summary>Where calls to <paramref name="model"/> go: its own base URL, or the operator's TransformerWorker for `local`.</summary>
    public Uri EndpointOf(ResolvedModel model) => model.Kind.ModelType == ProviderKinds.Local ? LocalBaseUrl(model) : model.BaseUrl;

    /// <summary>The operator's TransformerWorker address; a deployment without one cannot serve `local` models.</summary>
    private Uri LocalBaseUrl(ResolvedModel model) => options.Value.LocalBaseUrl is { } configured
        ? new Uri(configured.ToString().TrimEnd('/') + "/")
        : throw new ProviderException(ProviderErrorCode.ModelUnavailable,
            $"Model {model.DisplayName} is not available: no transformer worker is configured here (Providers:LocalBaseUrl)", isTransient: false);
}
