using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Interactive;

/// <summary>What a `/ws/inference` client does: send a JSON (or raw text) message, receive one whole JSON message.</summary>
public static class SocketMessages
{
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
