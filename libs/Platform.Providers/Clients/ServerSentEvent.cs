namespace Platform.Providers.Clients;

/// <summary>One server-sent event: its `event:` name (null when absent) and its joined `data:` lines.</summary>
internal readonly record struct ServerSentEvent(string? Name, string Data);
