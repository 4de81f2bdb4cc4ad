using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Interactive;

/// <summary>What a `/ws/inference` client does: connect, send a JSON (or raw text) message, receive one whole JSON message.</summary>
public static class SocketMessages
{
    /// <summary>Opens `/ws/inference` of the Gateway at <paramref name="gateway"/> with an API key (and a page's Origin).</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri gateway, string key, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-API-Key", key);
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        try
        {
            await socket.ConnectAsync(new Uri($"ws://{gateway.Authority}/ws/inference"), CancellationToken.None);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message as string ?? JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    public static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return JsonNode.Parse(message.ToArray())!;
    }
}
