using Microsoft.Extensions.AI;
using Platform.Providers.Models;

namespace Platform.Providers.Clients;

/// <summary>Makes the <see cref="IChatClient"/> that speaks a model's wire protocol.</summary>
public sealed class ChatClientFactory(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "providers";

    public IChatClient Create(ResolvedModel model) => model.Kind.Protocol switch
    {
        WireProtocol.OpenAiCompatible => new OpenAiCompatibleChatClient(model, httpClients.CreateClient(HttpClientName)),
        WireProtocol.Anthropic => new AnthropicChatClient(model, httpClients.CreateClient(HttpClientName)),
        WireProtocol.Ollama => new OllamaChatClient(model, httpClients.CreateClient(HttpClientName)),
        WireProtocol.HuggingFace => new HuggingFaceClassificationClient(model, httpClients.CreateClient(HttpClientName)),
        _ => throw new NotSupportedException($"model_type '{model.Kind.ModelType}' is not supported by this deployment yet"),
    };
}
