namespace Platform.Gateway.Realtime;

public sealed record ErrorDetail(string Code, string Message, object? Details = null);
