namespace Platform.Gateway.Realtime;

/// <summary>Section `Realtime`: limits of the `/ws/inference` WebSocket.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Open connections one key may hold on one replica; the next upgrade gets a 429.</summary>
    public int MaxConnectionsPerKey { get; set; } = 8;

    /// <summary>
    /// Web origins (`https://app.example.com`) whose pages may open the socket besides the Gateway's own. A browser always
    /// sends its page's Origin, so a page elsewhere cannot use a visitor's local Gateway; clients that send none are let in.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
