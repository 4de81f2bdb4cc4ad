using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using AiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAiFinishReason = OpenAI.Chat.ChatFinishReason;

namespace Platform.Providers.Clients;

/// <summary>
/// <see cref="IChatClient"/> over the official OpenAI SDK, for every OpenAI-compatible provider.
/// The SDK's own retries are off: resilience belongs to the caller's Polly pipeline. Failures surface
/// as classified <see cref="ProviderException"/>s. One instance serves every call to a deployment
/// (see <see cref="Routing.DeploymentState.Client"/>): making the SDK's client is costly.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly ResolvedModel _model;
    private readonly ChatClient _client;
    private readonly TimeProvider _time;

    public OpenAiCompatibleChatClient(ResolvedModel model, HttpClient httpClient, TimeProvider time)
    {
        _model = model;
        _time = time;
        var options = new OpenAIClientOptions
        {
            Endpoint = model.BaseUrl,
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = SendOnce.Policy,
            NetworkTimeout = System.Threading.Timeout.InfiniteTimeSpan,
            // Failures are logged by the router as ProviderExceptions; the SDK's own per-call logging only costs.
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },
        };
        // Servers without keys (vLLM, local) still get a syntactically valid bearer header.
        _client = new ChatClient(model.ModelName, new ApiKeyCredential(model.ApiKey ?? "unused"), options);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ClientResult<ChatCompletion> completion;
        try
        {
            completion = await _client.CompleteChatAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            throw failure;
        }

        var text = completion.Value.Content.FirstOrDefault()?.Text
            ?? throw ProviderException.Malformed(_model.DisplayName, "the completion has no text content");
        return new ChatResponse(new AiChatMessage(AiChatRole.Assistant, text))
        {
            ResponseId = completion.Value.Id,
            ModelId = completion.Value.Model,
            FinishReason = ToFinishReason(completion.Value.FinishReason),
            Usage = ToUsage(completion.Value.Usage),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = _client.CompleteChatStreamingAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken);
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception e) when (Classify(e) is { } failure)
            {
                throw failure;
            }

            var update = enumerator.Current;
            var chunk = new ChatResponseUpdate(AiChatRole.Assistant, string.Concat(update.ContentUpdate.Select(part => part.Text)))
            {
                ResponseId = update.CompletionId,
                ModelId = update.Model,
                FinishReason = update.FinishReason is { } reason ? ToFinishReason(reason) : null,
            };
            if (update.Usage is { } usage)
            {
                chunk.Contents.Add(new UsageContent(ToUsage(usage)));
            }

            yield return chunk;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The HttpClient belongs to the factory that made it.
    }

    /// <summary>The SDK's failure as a classified <see cref="ProviderException"/>; null for anything else (cancellation).</summary>
    private ProviderException? Classify(Exception failure)
    {
        if (failure is ClientResultException { Status: not 0 } status)
        {
            var response = status.GetRawResponse();
            return ProviderException.FromStatus(_model.DisplayName, (HttpStatusCode)status.Status, ReadUpstreamMessage(response),
                RetryAfter.Parse(response?.Headers, _time));
        }

        return failure is ClientResultException or HttpRequestException or IOException ? ProviderException.Unreachable(_model.DisplayName, failure) : null;
    }

    private static string? ReadUpstreamMessage(PipelineResponse? response)
    {
        if (response?.Content is not { } content)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.ErrorText();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<OpenAI.Chat.ChatMessage> ToOpenAi(IEnumerable<AiChatMessage> messages) =>
        messages.Select(message => message.Role == AiChatRole.System ? (OpenAI.Chat.ChatMessage)new SystemChatMessage(message.Text)
            : message.Role == AiChatRole.Assistant ? new AssistantChatMessage(message.Text)
            : message.Contents.Any(content => content is UriContent or DataContent)
                ? new UserChatMessage(message.Contents.Select(ToPart).OfType<ChatMessageContentPart>())
            : new UserChatMessage(message.Text)).ToList();

    /// <summary>A user message with images goes as content parts, as the vision models take it.</summary>
    private static ChatMessageContentPart? ToPart(AIContent content) => content switch
    {
        TextContent text => ChatMessageContentPart.CreateTextPart(text.Text),
        UriContent image => ChatMessageContentPart.CreateImagePart(image.Uri),
        DataContent image => ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(image.Data), image.MediaType),
        _ => null,
    };

    private ChatCompletionOptions ToOpenAi(ChatOptions? options)
    {
        var converted = new ChatCompletionOptions
        {
            Temperature = (float?)(options?.Temperature ?? (float?)_model.Temperature),
            TopP = options?.TopP,
        };
        if ((options?.MaxOutputTokens ?? _model.MaxTokens) is { } maxTokens)
        {
            if (_model.Kind.UsesMaxCompletionTokens)
            {
                converted.MaxOutputTokenCount = maxTokens;
            }
            else
            {
#pragma warning disable SCME0001 // JsonPatch is the SDK's documented way to send fields it does not model.
                converted.Patch.Set("$.max_tokens"u8, maxTokens);
#pragma warning restore SCME0001
            }
        }

        return converted;
    }

    /// <summary>
    /// Sends each request once and lets failures through as they are: the SDK's retry policy costs a few
    /// async steps per call even with no retries.
    /// </summary>
    private sealed class SendOnce : PipelinePolicy
    {
        public static SendOnce Policy { get; } = new();

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNextAsync(message, pipeline, currentIndex);
    }

    private static AiFinishReason ToFinishReason(OpenAiFinishReason reason) => reason switch
    {
        OpenAiFinishReason.Length => AiFinishReason.Length,
        OpenAiFinishReason.ContentFilter => AiFinishReason.ContentFilter,
        OpenAiFinishReason.ToolCalls or OpenAiFinishReason.FunctionCall => AiFinishReason.ToolCalls,
        _ => AiFinishReason.Stop,
    };

    private static UsageDetails ToUsage(ChatTokenUsage? usage) => usage is null
        ? new UsageDetails()
        : new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
}
