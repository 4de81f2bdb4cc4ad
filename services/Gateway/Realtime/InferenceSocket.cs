using Platform.Contracts.Http.Models;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Gateway.Errors;
using Platform.Gateway.Chat;
using Platform.Gateway.Llm;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Gateway.Realtime;

/// <summary>
/// One `/ws/inference` connection: requests are answered one after another, each as `token` messages
/// and a `complete` (or an `error`), and the connection stays open for the next. Receiving runs on its
/// own so that a client closing or vanishing mid-answer is noticed at once and cancels the upstream call.
/// </summary>
public sealed class InferenceSocket(InteractiveCalls calls, IOptions<InteractiveOptions> options, IOptions<JsonOptions> jsonOptions)
{
    public const int MaxMessageBytes = 1 << 20;
    private const string InvalidRequest = LlmFailures.InvalidRequest;

    /// <summary>The platform's own model, for messages naming none where no default model is configured.</summary>
    private static readonly RouteTarget LocalModel = RouteTarget.For(ModelConfigValidator.Resolve(
        new AiModelConfig { ModelType = ProviderKinds.Local, ModelName = InteractiveOptions.LocalModel }));

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public async Task RunAsync(WebSocket socket, string? apiKeyId, SocketGuard guard, CancellationToken aborted)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var inbox = Channel.CreateBounded<string?>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var receiving = ReceiveAsync(socket, inbox.Writer, connection);
        try
        {
            await foreach (var message in inbox.Reader.ReadAllAsync(connection.Token))
            {
                if (await guard.CheckAsync(connection.Token) is not { } refusal)
                {
                    await HandleAsync(socket, message, apiKeyId, connection.Token);
                    continue;
                }

                await SendAsync(socket, new ErrorReply(null, new ErrorDetail(refusal.Code, refusal.Message, new { retry_after = refusal.RetryAfter })),
                    connection.Token);
                if (refusal.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "API key no longer valid", connection.Token);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client closed or vanished; its call in progress was cancelled with the connection.
        }
        finally
        {
            if (socket.State == WebSocketState.CloseSent)
            {
                // Give the client time to read what came before our close frame and answer it: cancelling the receive
                // aborts the connection, and a reset can discard the refusal the client has not read yet.
                await Task.WhenAny(receiving, Task.Delay(CloseHandshakeTimeout, CancellationToken.None));
            }

            await connection.CancelAsync();
            await receiving;
        }

        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    /// <summary>Queues each whole text message (null for one over the size limit) until the client closes or the connection drops.</summary>
    private static async Task ReceiveAsync(WebSocket socket, ChannelWriter<string?> inbox, CancellationTokenSource connection)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, connection.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (message.Length <= MaxMessageBytes)
                {
                    message.Write(buffer, 0, received.Count);
                }

                if (received.EndOfMessage)
                {
                    await inbox.WriteAsync(message.Length <= MaxMessageBytes ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : null,
                        connection.Token);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Connection lost or being torn down.
        }
        finally
        {
            inbox.TryComplete();
        }

        // Whatever is still being answered has no one to receive it.
        await connection.CancelAsync();
    }

    private async Task HandleAsync(WebSocket socket, string? text, string? apiKeyId, CancellationToken cancellationToken)
    {
        var (message, parseError) = Parse(text);
        if (message is null)
        {
            await SendAsync(socket, new ErrorReply(null, new ErrorDetail(InvalidRequest, parseError!)), cancellationToken);
            return;
        }

        var model = message.Model ?? options.Value.DefaultModel ?? InteractiveOptions.LocalModel;
        var problem = message.Type != "inference"
            ? new ChatInputProblem("type", $"type must be 'inference', got '{message.Type}'")
            : ChatInput.Validate(model, message.Turns(), message.Temperature, message.MaxTokens, message.TopP);
        if (problem is not null)
        {
            await SendAsync(socket, new ErrorReply(message.Id, new ErrorDetail(InvalidRequest, problem.Message, new { field = problem.Param })),
                cancellationToken);
            return;
        }

        var target = message.Model is null && options.Value.DefaultModel is null ? LocalModel : RouteTarget.Named(model);
        var route = calls.Request(target, ChatInput.ToChatMessages(message.Turns()),
            ChatInput.Options(message.Temperature, message.MaxTokens, message.TopP));
        try
        {
            await AnswerAsync(socket, message, model, route, apiKeyId, cancellationToken);
        }
        catch (ProviderException e)
        {
            await SendAsync(socket, new ErrorReply(message.Id, new ErrorDetail(LlmFailures.CodeOf(e), e.Message,
                new { model, retry_after = RetryAfterHeader.Seconds(e.RetryAfter) })), cancellationToken);
        }
    }

    private async Task AnswerAsync(WebSocket socket, InferenceMessage message, string model, RouteRequest route, string? apiKeyId,
        CancellationToken cancellationToken)
    {
        if (message.Stream == false)
        {
            var call = await calls.CompleteAsync(route, apiKeyId, cancellationToken);
            await SendAsync(socket, new CompleteReply(message.Id, model, call.Response.Text, call.Response.FinishReason?.Value ?? "stop",
                UsageView.Of(call.Tokens), CostView.Of(call.AnsweredBy.Pricing, call.Tokens)), cancellationToken);
            return;
        }

        await foreach (var piece in calls.StreamAsync(route, apiKeyId, cancellationToken))
        {
            object reply = piece.Totals is { } totals
                ? new CompleteReply(message.Id, model, totals.Text, totals.FinishReason, UsageView.Of(totals.Tokens),
                    CostView.Of(totals.AnsweredBy.Pricing, totals.Tokens))
                : new TokenReply(message.Id, piece.Text);
            await SendAsync(socket, reply, cancellationToken);
        }
    }

    private (InferenceMessage? Message, string? Error) Parse(string? text)
    {
        if (text is null)
        {
            return (null, $"Messages are limited to {MaxMessageBytes} bytes");
        }

        try
        {
            return JsonSerializer.Deserialize<InferenceMessage>(text, _json) is { } message
                ? (message, null)
                : (null, "The message must be a JSON object like {\"type\": \"inference\", \"text\": \"...\"}");
        }
        catch (JsonException e)
        {
            return (null, $"The message is not valid JSON for an inference request{(e.Path is { Length: > 0 } path ? $" at {path}" : "")}");
        }
    }

    private Task SendAsync(WebSocket socket, object reply, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(reply, reply.GetType(), _json), WebSocketMessageType.Text, endOfMessage: true,
            cancellationToken);
}
