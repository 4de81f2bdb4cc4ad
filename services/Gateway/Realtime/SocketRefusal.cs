namespace Platform.Gateway.Realtime;

/// <summary>Why a message was not answered; <paramref name="Close"/> ends the connection (its key no longer holds).</summary>
public sealed record SocketRefusal(string Code, string Message, int? RetryAfter, bool Close);
