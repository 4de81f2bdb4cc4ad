namespace Platform.Gateway.Realtime;

/// <summary>Section `Realtime`: limits of the `/ws/inference` WebSocket.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Open connections one key may hold on all replicas together; the next upgrade gets a 429.</summary>
    public int MaxConnectionsPerKey { get; set; } = 8;

    /// <summary>
    /// How long a connection's slot outlives its replica: leases are renewed three times within it while the connection
    /// is open, so the slots of a replica that died are free again after at most this.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Web origins (`https://app.example.com`) whose pages may open the socket besides the Gateway's own. A browser always
    /// sends its page's Origin, so a page elsewhere cannot use a visitor's local Gateway; clients that send none are let in.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
